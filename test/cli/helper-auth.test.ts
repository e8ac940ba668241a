/**
 * `--auth helper` headless, with the built CLI, the sandbox and real helpers: git's
 * credential-cache (after a plain-text `store`, which must never see the token) and
 * libsecret on a real Secret Service. After the clone, the real git fetches and pushes
 * with no prompt and no askpass; a second repository's token does not disturb the first;
 * the token is in no file. Refusals (no safe helper, no git) leave nothing behind.
 */
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {
	cacheHome,
	contentsOf,
	type HelperHome,
	helperHome,
	libsecretHome,
} from '../helpers/credential-helpers.js';
import {filesContainingAny, runCli, transcript} from './run-cli.js';

let sandbox: Sandbox;
let root: string;
const homes: HelperHome[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-helper-'));
});

afterAll(async () => {
	await Promise.all(homes.map((home) => home.dispose()));
	await Promise.all([sandbox?.close(), rm(root, {recursive: true, force: true})]);
});

async function track(made: Promise<HelperHome>): Promise<HelperHome> {
	const home = await made;
	homes.push(home);
	return home;
}

function cli(
	home: HelperHome,
	args: string[],
	options: {stdin?: string; env?: NodeJS.ProcessEnv} = {},
) {
	return runCli(args, {
		cwd: home.home,
		stdin: options.stdin,
		env: {
			...home.env,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(home.home, '.bbtok-config'),
			...options.env,
		},
	}).done;
}

function onboardHelper(home: HelperHome, repo: string, token: string, dir: string) {
	return cli(
		home,
		[repo, '--token-stdin', '--auth', 'helper', '--json', '--bot-email', 'ci-bot', '--dir', dir],
		{
			stdin: `${token}\n`,
		},
	);
}

/** The real git with no way to ask anyone: no terminal prompt, no askpass. */
function quietGit(home: HelperHome, cwd: string, args: string[]) {
	return home.git(['-c', 'core.askPass=', ...args], {cwd});
}

describe.each([
	['credential-cache (after a plain-text store)', () => cacheHome(['store']), 'cache'],
	['libsecret (gnome-keyring)', () => libsecretHome(), 'libsecret'],
])('--auth helper with %s', (_label, makeHome, helperName) => {
	it('clones, keeps the token in that helper alone, and the real git fetches and pushes without asking', async () => {
		const home = await track(makeHome());
		const {tokens} = sandbox;
		const result = await onboardHelper(home, 'acme/widget', tokens.repoWrite, 'widget');
		expect(result.stderr).toContain(
			'Scopes: repository, repository:write, pullrequest (repository access token)',
		);
		expect(result.code, result.stderr).toBe(0);
		// Helper mode is remembered as the next run's default, like the other two.
		expect(result.stderr).not.toMatch(/settings/i);
		const json = JSON.parse(result.stdout) as Record<string, unknown>;
		expect(json).toMatchObject({auth: 'helper', helper: helperName, canPush: true});
		expect(json.scopes).toEqual(['repository', 'repository:write', 'pullrequest']);
		expect(json.credentialType).toBe('repo_access_token');

		const dir = path.join(home.home, 'widget');
		const repositoryUrl = `${sandbox.gitUrl}/acme/widget.git`;
		expect(await quietGit(home, dir, ['config', 'remote.origin.url'])).toBe(
			`${sandbox.gitUrl.replace('://', '://x-token-auth@')}/acme/widget.git`,
		);
		expect(
			await quietGit(home, dir, ['config', '--local', `credential.${sandbox.gitUrl}.usehttppath`]),
		).toBe('true');
		const scoped = await quietGit(home, dir, [
			'config',
			'--local',
			'-z',
			'--get-all',
			`credential.${repositoryUrl}.helper`,
		]);
		expect(scoped.split('\0')).toEqual(['', home.helper, '']);

		// Another repository, another token, the same way: the first keeps working.
		const second = await onboardHelper(home, 'acme/gadget', tokens.otherRepo, 'gadget');
		expect(second.code, second.stderr).toBe(0);

		await quietGit(home, dir, ['fetch', 'origin']);
		await home.git(['commit', '--allow-empty', '-q', '-m', 'helper mode push'], {cwd: dir});
		await quietGit(home, dir, ['push', '-q', 'origin', 'HEAD']);
		const gadgetDir = path.join(home.home, 'gadget');
		await quietGit(home, gadgetDir, ['fetch', 'origin']);
		const pushed = await home.git([
			'--git-dir',
			sandbox.gitDirOf('acme', 'widget'),
			'log',
			'-1',
			'--format=%s %ae',
		]);
		expect(pushed).toBe(`helper mode push ${json.botEmail as string}`);

		// status finds it in the helper, asked without a prompt, and changes nothing.
		const configBefore = await readFile(path.join(dir, '.git', 'config'), 'utf8');
		const status = await cli(home, ['status', 'widget', '--json']);
		expect(status.code, status.stderr).toBe(0);
		expect(JSON.parse(status.stdout)).toMatchObject({
			mode: 'helper',
			helper: helperName,
			token: {source: 'credential-helper', kind: 'access-token'},
			fetch: true,
			push: true,
			scopes: ['repository', 'repository:write', 'pullrequest'],
			credentialType: 'repo_access_token',
			beyondScopes: ['pullrequest'],
			userEmail: {bot: true},
		});
		expect(await readFile(path.join(dir, '.git', 'config'), 'utf8')).toBe(configBefore);
		const text = await cli(home, ['status', 'widget']);
		expect(text.stdout).toMatch(/auth {7}helper \(credential helper: /);
		expect(text.stdout).toContain('token      in the credential helper');

		expect(await contentsOf(path.join(home.home, '.git-credentials'))).toBe('');
		const needles = [tokens.repoWrite, tokens.otherRepo];
		expect(await filesContainingAny(home.home, needles)).toEqual([]);
		for (const printed of transcript) {
			for (const needle of needles) {
				expect(printed).not.toContain(needle);
			}
		}
	});
});

describe('--auth helper refusals', () => {
	it('refuses no helper, or only store, with exit 2 before anything is cloned', async () => {
		for (const helpers of [[], ['store']]) {
			const home = await track(helperHome(helpers));
			const result = await onboardHelper(home, 'acme/widget', sandbox.tokens.repoWrite, 'widget');
			expect(result.code).toBe(2);
			expect(result.stderr).toMatch(
				/--auth helper needs a credential helper, but (no credential helper is configured|only store is configured)/,
			);
			expect(result.stderr).toContain('--auth prompt');
			expect(result.stderr).toContain('--auth embed');
			expect(result.stderr).toContain('git config --global credential.helper');
			expect(await readdir(home.home)).not.toContain('widget');
		}
	});

	it('refuses with exit 2 when git is not on PATH', async () => {
		const home = await track(cacheHome());
		const result = await onboardHelper(home, 'acme/widget', sandbox.tokens.repoWrite, 'widget');
		expect(result.code).toBe(0);
		const bare = await cli(
			home,
			['acme/widget', '--token-stdin', '--auth', 'helper', '--bot-email', 'x', '--dir', 'again'],
			{
				stdin: `${sandbox.tokens.repoWrite}\n`,
				env: {PATH: path.join(home.home, 'no-such-bin')},
			},
		);
		expect(bare.code).toBe(2);
		expect(bare.stderr).toContain('git is not on PATH');
		expect(await readdir(home.home)).not.toContain('again');
	});
});
