import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/core/errors.js';
import {ConfigFile} from '../../source/git/config-file.js';
import {scopedHelperOf, scopeHelper, unscopeHelper} from '../../source/git/credential-config.js';
import {helperName, helpersFor, requireSafeHelper} from '../../source/git/credential-helper.js';
import {approveToken, fillToken, rejectToken} from '../../source/git/credential-store.js';
import {credentialUrlMatches} from '../../source/git/credential-url.js';
import {runGit} from '../../source/git/git-cli.js';
import {
	cacheHome,
	contentsOf,
	type HelperHome,
	helperHome,
	libsecretHome,
} from '../helpers/credential-helpers.js';
import {filesContaining} from './native-git.js';

const gitUrl = 'https://bitbucket.example';
const widget = `${gitUrl}/acme/widget.git`;
const gadget = `${gitUrl}/acme/gadget.git`;
const homes: HelperHome[] = [];

afterEach(async () => {
	await Promise.all(homes.splice(0).map((home) => home.dispose()));
});

async function home(made: Promise<HelperHome>): Promise<HelperHome> {
	const value = await made;
	homes.push(value);
	return value;
}

/** A clone-like repository whose config scopes `helper` to `url`, as --auth helper writes it. */
async function scopedRepository(at: HelperHome, name: string, url: string, helper: string) {
	const dir = path.join(at.home, name);
	await at.git(['init', '-q', dir]);
	const configPath = path.join(dir, '.git', 'config');
	const config = ConfigFile.parse(await readFile(configPath, 'utf8'));
	await writeFile(configPath, scopeHelper(config, {gitUrl, repositoryUrl: url, helper}).text);
	return dir;
}

describe('helpersFor', () => {
	it('reads none, a plain-text store, and the first safe helper in git order', async () => {
		const none = await home(helperHome([]));
		expect(await helpersFor({env: none.env, cwd: none.home}, widget, {withLocal: false})).toEqual(
			[],
		);

		const cache = await home(cacheHome(['store']));
		const helpers = await helpersFor({env: cache.env, cwd: cache.home}, widget, {withLocal: false});
		expect(helpers.map((helper) => [helper.name, helper.plainText])).toEqual([
			['store', true],
			['cache', false],
		]);
	});

	it('refuses none or only store with exit 2, naming the other modes and a setup command', async () => {
		const store = await home(helperHome(['store']));
		const refusal = requireSafeHelper({env: store.env, cwd: store.home}, widget, {
			withLocal: false,
			platform: 'linux',
		});
		await expect(refusal).rejects.toBeInstanceOf(UsageError);
		await expect(refusal).rejects.toThrow(/only store is configured/);
		const error = (await refusal.catch((caught: unknown) => caught)) as UsageError;
		expect(error.hint).toMatch(/--auth prompt/);
		expect(error.hint).toMatch(/--auth embed/);
		expect(error.hint).toMatch(/git config --global credential\.helper libsecret/);
	});

	it('applies URL-scoped keys, an empty value clearing the list, as git does', async () => {
		const at = await home(helperHome(['store']));
		await at.git(['config', '--global', `credential.${widget}.helper`, '']);
		await at.git(['config', '--global', '--add', `credential.${widget}.helper`, 'osxkeychain']);
		const run = {env: at.env, cwd: at.home};
		expect((await helpersFor(run, widget, {withLocal: false})).map((h) => h.name)).toEqual([
			'osxkeychain',
		]);
		expect((await helpersFor(run, gadget, {withLocal: false})).map((h) => h.name)).toEqual([
			'store',
		]);
	});

	it('names helpers by program', () => {
		expect(helperName('cache --timeout 30')).toBe('cache');
		expect(helperName('/usr/lib/git-core/git-credential-libsecret')).toBe('libsecret');
		expect(helperName('C:/Git/mingw64/bin/git-credential-manager.exe')).toBe('manager');
	});

	it('matches credential URLs like git urlmatch', () => {
		expect(credentialUrlMatches(gitUrl, widget)).toBe(true);
		expect(credentialUrlMatches(widget, widget)).toBe(true);
		expect(credentialUrlMatches(`${gitUrl}/acme`, widget)).toBe(true);
		expect(credentialUrlMatches(`${gitUrl}/ac`, widget)).toBe(false);
		expect(credentialUrlMatches('http://bitbucket.example', widget)).toBe(false);
		expect(credentialUrlMatches('bitbucket.example', widget)).toBe(true);
	});
});

describe('scoped helper config', () => {
	it('writes useHttpPath and an emptied, then single, helper list; reads it back; removes it', () => {
		const before = '[core]\n\tbare = false\n';
		const scoped = scopeHelper(ConfigFile.parse(before), {
			gitUrl,
			repositoryUrl: 'https://x-token-auth@bitbucket.example/acme/widget.git',
			helper: 'cache --timeout 60',
		});
		expect(scoped.text).toBe(
			`${before}[credential "${gitUrl}"]\n\tuseHttpPath = true\n[credential "${widget}"]\n\thelper =\n\thelper = cache --timeout 60\n`,
		);
		expect(scopedHelperOf(scoped, widget)).toBe('cache --timeout 60');
		// Scoping again (a rotation) keeps one list, not two.
		expect(scopeHelper(scoped, {gitUrl, repositoryUrl: widget, helper: 'libsecret'}).text).toBe(
			`${before}[credential "${gitUrl}"]\n\tuseHttpPath = true\n[credential "${widget}"]\n\thelper =\n\thelper = libsecret\n`,
		);
		const removed = unscopeHelper(scoped, widget);
		expect(scopedHelperOf(removed, widget)).toBeUndefined();
		expect(removed.text).toBe(`${before}[credential "${gitUrl}"]\n\tuseHttpPath = true\n`);
	});
});

describe.each([
	['credential-cache', () => cacheHome(['store'])],
	['libsecret (gnome-keyring on a private session bus)', () => libsecretHome()],
])('approve, fill and reject through %s', (_name, makeHome) => {
	it('keeps one token per repository, never in a file, and a store configured first never sees it', async () => {
		const at = await home(makeHome());
		const helper = at.helper!;
		const first = await scopedRepository(at, 'widget', widget, helper);
		const second = await scopedRepository(at, 'gadget', gadget, helper);
		const tokenA = `ATCTT3xFfGN0${'a'.repeat(40)}=AAAA0001`;
		const tokenB = `ATCTT3xFfGN0${'b'.repeat(40)}=BBBB0002`;
		await approveToken({env: at.env, cwd: first}, widget, tokenA);
		await approveToken({env: at.env, cwd: second}, gadget, tokenB);

		expect(await fillToken({env: at.env, cwd: first}, widget)).toBe(tokenA);
		expect(await fillToken({env: at.env, cwd: second}, gadget)).toBe(tokenB);
		expect(await contentsOf(path.join(at.home, '.git-credentials'))).toBe('');
		expect(await filesContaining(at.home, tokenA)).toEqual([]);

		await rejectToken({env: at.env, cwd: first}, widget);
		expect(await fillToken({env: at.env, cwd: first}, widget)).toBeUndefined();
		expect(await fillToken({env: at.env, cwd: second}, gadget)).toBe(tokenB);
	});
});

describe('fillToken', () => {
	it('answers undefined without prompting when no helper holds a token', async () => {
		const at = await home(helperHome([]));
		const started = Date.now();
		expect(
			await fillToken({env: {...at.env, DISPLAY: ':0'}, cwd: at.home}, widget),
		).toBeUndefined();
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('reports git missing from PATH as exit 2', async () => {
		await expect(runGit({env: {PATH: '/nonexistent'}, cwd: '/'}, ['--version'])).rejects.toThrow(
			/git is not on PATH/,
		);
	});
});
