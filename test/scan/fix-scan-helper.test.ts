/**
 * `fix-remote --scan` with credential helpers, through the built CLI against the sandbox and
 * git's real credential-cache (its daemon on a socket in a temp dir): `--auth helper` hands
 * the token to the helper of every reached clone, a helper clone is rotated in its helper
 * without --auth, switching it to prompt erases its entry and scoped keys, and `--auth
 * helper` without a safe helper is refused before anything is sent or changed.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fillToken} from '../../source/git/credential-store.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {filesContainingAny, runCli, transcript} from '../cli/run-cli.js';
import {cacheHome, type HelperHome, helperHome} from '../helpers/credential-helpers.js';
import {snapshotTree} from './snapshot.js';
import {buildTree, secrets, stopCacheDaemons, type Tree} from './tree.js';

let sandbox: Sandbox;
const homes: HelperHome[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});

afterAll(async () => {
	for (const printed of transcript) {
		for (const secret of [...Object.values(secrets), ...Object.values(sandbox.tokens)]) {
			expect(printed).not.toContain(secret);
		}
	}

	await stopCacheDaemons();
	await Promise.all([...homes.map((home) => home.dispose()), sandbox?.close()]);
});

/** A tree of clones inside a HOME whose global config lists `made`'s helpers. */
async function treeIn(made: Promise<HelperHome>): Promise<{home: HelperHome; tree: Tree}> {
	const home = await made;
	homes.push(home);
	return {home, tree: await buildTree(home.home, sandbox.gitUrl)};
}

function fixScan(home: HelperHome, tree: Tree, args: string[], token: string) {
	return runCli(['fix-remote', '--scan', tree.root, '--json', ...args], {
		cwd: home.home,
		env: {
			...home.env,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(home.home, '.bbtok-config'),
			BITBUCKET_ACCESS_TOKEN: token,
		},
	}).done;
}

const resultsOf = (stdout: string) =>
	Object.fromEntries(
		stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line))
			.filter((result) => result.type === 'clone')
			.map((result) => [result.path, result]),
	);

const repositoryUrl = (repo: string) => `${sandbox.gitUrl}/${repo}.git`;
/** The reached clones of the tree (workspaceRead reaches workspace acme) and their repositories. */
const reached = {
	'app-password': 'acme/widget',
	'account-password': 'acme/website',
	helper: 'acme/widget',
	'stored-login': 'acme/gadget',
	'team/embedded': 'acme/website',
	'team/prompt': 'acme/gadget',
	'team/prompt/vendor/lib': 'acme/widget',
} as const;

describe('fix-remote --scan with a credential helper', () => {
	it('--auth helper: every reached clone gets the scoped helper and useHttpPath, fetches with no prompt; the token is in no file', async () => {
		const {home, tree} = await treeIn(cacheHome(['store']));
		const untouched = ['gone', 'unreachable', 'api-token', 'ssh', 'github-only'];
		const before = await Promise.all(untouched.map((name) => snapshotTree(tree.clones[name]!)));
		const token = sandbox.tokens.workspaceRead;
		const run = await fixScan(home, tree, ['--auth', 'helper', '--bot-email', 'audit'], token);
		expect(run.code, run.stderr).toBe(0);
		const results = resultsOf(run.stdout);
		const host = new URL(sandbox.gitUrl).host;
		for (const [name, repo] of Object.entries(reached)) {
			const dir = tree.clones[name]!;
			expect(results[dir], name).toMatchObject({
				status: 'migrated',
				auth: 'helper',
				helper: 'cache',
			});
			expect(await home.git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
				`http://x-token-auth@${host}/${repo}.git`,
			);
			const scoped = await home.git(
				['config', '--null', '--get-all', `credential.${repositoryUrl(repo)}.helper`],
				{cwd: dir},
			);
			// Emptied, then one helper: the helper clone keeps its own cache, the others get the global one, never store.
			expect(scoped.split('\0'), name).toEqual([
				'',
				name === 'helper' ? tree.helper : home.helper,
				'',
			]);
			expect(
				await home.git(['config', `credential.${sandbox.gitUrl}.useHttpPath`], {cwd: dir}),
			).toBe('true');
			// GIT_TERMINAL_PROMPT=0 (home.git) and no askpass: only the helper can answer.
			await home.git(['-c', 'core.askPass=', 'fetch', '-q', 'origin'], {cwd: dir});
		}

		expect(await Promise.all(untouched.map((name) => snapshotTree(tree.clones[name]!)))).toEqual(
			before,
		);
		expect(results[tree.clones.unreachable!]).toMatchObject({status: 'unreachable'});
		expect(await readFile(path.join(home.home, '.git-credentials'), 'utf8').catch(() => '')).toBe(
			'',
		);
		expect(await filesContainingAny(home.home, [token])).toEqual([]);
	});

	it('without --auth a helper clone is rotated in its helper; --auth prompt then erases the entry and its scoped keys', async () => {
		const {home, tree} = await treeIn(cacheHome());
		const dir = tree.clones.helper!;
		const url = repositoryUrl('acme/widget');
		const fill = () => fillToken({env: home.env, cwd: dir}, url);

		const first = await fixScan(home, tree, [], sandbox.tokens.workspaceRead);
		expect(first.code, first.stderr).toBe(0);
		expect(resultsOf(first.stdout)[dir]).toMatchObject({auth: 'helper', helper: 'cache'});
		expect(await fill()).toBe(sandbox.tokens.workspaceRead);

		// The rotated token (repoWrite reaches acme/widget only) replaces the entry.
		const rotated = await fixScan(home, tree, [], sandbox.tokens.repoWrite);
		expect(rotated.code, rotated.stderr).toBe(0);
		expect(resultsOf(rotated.stdout)[dir]).toMatchObject({status: 'migrated', auth: 'helper'});
		expect(await fill()).toBe(sandbox.tokens.repoWrite);
		await home.git(['-c', 'core.askPass=', 'fetch', '-q', 'origin'], {cwd: dir});

		const toPrompt = await fixScan(home, tree, ['--auth', 'prompt'], sandbox.tokens.repoWrite);
		expect(toPrompt.code, toPrompt.stderr).toBe(0);
		expect(toPrompt.stderr).toContain('Old token erased from the credential helper cache');
		expect(resultsOf(toPrompt.stdout)[dir]).toMatchObject({auth: 'prompt', helper: null});
		const config = await readFile(path.join(dir, '.git', 'config'), 'utf8');
		expect(config).not.toContain(`[credential "${url}"]`);
		expect(config).not.toContain(tree.helper);
		// No scoped list: git asks the global cache, which never held this repository's token.
		expect(await fill()).toBeUndefined();
		// The embedded clone stays embedded (its URL holds the token, as --auth embed says); no other file does.
		expect(
			await filesContainingAny(home.home, [sandbox.tokens.workspaceRead, sandbox.tokens.repoWrite]),
		).toEqual([path.join('src', 'team', 'embedded', '.git', 'config')]);
	});

	it('a helper that fails to take the token leaves that clone byte-identical, the others migrated', async () => {
		const {home, tree} = await treeIn(cacheHome());
		const dir = tree.clones.helper!;
		const key = `credential.${repositoryUrl('acme/widget')}.helper`;
		// A helper that kills the git asking it: `git credential approve` fails.
		await home.git(['config', '--unset-all', key], {cwd: dir});
		await home.git(['config', '--add', key, ''], {cwd: dir});
		await home.git(['config', '--add', key, '!kill -9 $PPID'], {cwd: dir});
		const before = await snapshotTree(dir);
		const run = await fixScan(home, tree, ['--bot-email', 'audit'], sandbox.tokens.workspaceRead);
		expect(run.code).toBe(1);
		const results = resultsOf(run.stdout);
		expect(results[dir]).toMatchObject({status: 'failed'});
		expect(results[dir].reason).toMatch(/did not take the token.*\(not changed\)$/);
		expect(await snapshotTree(dir)).toEqual(before);
		expect(results[tree.clones['app-password']!]).toMatchObject({status: 'migrated'});
	});

	it('--auth helper with only store configured: exit 2 once, before any request, every clone byte-identical', async () => {
		const {home, tree} = await treeIn(helperHome(['store']));
		const before = await snapshotTree(tree.root);
		const from = sandbox.requests.length;
		const run = await fixScan(home, tree, ['--auth', 'helper'], sandbox.tokens.workspaceRead);
		expect(run.code).toBe(2);
		expect(run.stderr.match(/--auth helper needs a credential helper/g)).toHaveLength(1);
		expect(run.stderr).toMatch(/--auth prompt/);
		expect(sandbox.requests.length).toBe(from);
		expect(await snapshotTree(tree.root)).toEqual(before);
	});
});
