import {access, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BitbucketClient} from '../../source/bitbucket/client.js';
import {createDispatcher} from '../../source/bitbucket/http.js';
import type {Flags} from '../../source/core/context.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {withServices} from '../../source/services/services.js';
import {openSettings} from '../../source/settings/store.js';
import {printCommits} from '../../source/use-cases/commits/headless.js';
import {runHeadlessOnboard} from '../../source/use-cases/onboard/headless.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {fakeContext} from './fake-context.js';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;
const widget = {workspace: 'acme', repo: 'widget'};

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-headless-'));
});

afterAll(async () => {
	await Promise.all([sandbox.close(), git.dispose(), rm(root, {recursive: true, force: true})]);
});

/** One run in its own working folder, with its own settings folder unless one is given. */
async function onboard(options: {
	ref?: {workspace: string; repo: string};
	token?: string;
	flags?: Partial<Flags>;
	configDir?: string;
}) {
	const cwd = await mkdtemp(path.join(root, 'cwd-'));
	const env = {BBTOK_CONFIG_DIR: options.configDir ?? path.join(cwd, '.config')};
	const run = fakeContext({cwd, env, ...(options.flags ? {flags: options.flags} : {})});
	const {settings} = openSettings(env);
	const endpoints = {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl};
	const code = await withServices(
		run.context,
		(services) =>
			runHeadlessOnboard(run.context, services, {
				...(options.ref ? {ref: options.ref} : {}),
				...(options.token ? {token: options.token} : {}),
				settings,
			}),
		{endpoints, settings},
	);
	return {code, cwd, env, stdout: run.stdout(), stderr: run.stderr()};
}

const exists = (file: string) =>
	access(file).then(
		() => true,
		() => false,
	);

describe('runHeadlessOnboard', () => {
	it('clones, finds the only bot in recent commits, sets it, remembers it, and prints a summary', async () => {
		const run = await onboard({ref: widget, token: sandbox.tokens.repoWrite});
		expect(run.stderr).toBe(run.stderr.replaceAll('\u001B', ''));
		expect(run.code).toBe(0);
		const bot = sandbox.botEmails.repoWrite;
		expect(run.stderr).toContain(`found in recent commits: ${bot}`);
		expect(run.stderr).not.toContain('not a bot address');
		expect(run.stderr).toMatch(/^[A-Z][a-z]+ objects: 100% \(\d+\/\d+\)$/m);

		const dir = path.join(run.cwd, 'widget');
		expect(await git(['config', '--local', 'user.email'], {cwd: dir})).toBe(bot);
		expect(run.stdout).toContain(`Cloned acme/widget into ${dir}`);
		expect(run.stdout).toContain('push     allowed');
		expect(run.stdout.match(/^ {2}[\da-f]{7} {2}\d{4}-\d\d-\d\d/gm)).toHaveLength(10);

		const {settings} = openSettings(run.env);
		expect(settings.recent()).toEqual([
			expect.objectContaining({workspace: 'acme', repo: 'widget', dir, botEmail: bot}),
		]);
	});

	it('uses the bot email remembered for the repository on a later run', async () => {
		const configDir = await mkdtemp(path.join(root, 'config-'));
		openSettings({BBTOK_CONFIG_DIR: configDir}).settings.remember({
			...widget,
			botEmail: 'remembered@bots.bitbucket.org',
		});
		const run = await onboard({
			ref: widget,
			token: sandbox.tokens.repoRead,
			configDir,
			flags: {depth: 1},
		});
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('remembered for acme/widget: remembered@bots.bitbucket.org');
		expect(run.stdout).toContain('push     not allowed');
		expect(await git(['config', 'user.email'], {cwd: path.join(run.cwd, 'widget')})).toBe(
			'remembered@bots.bitbucket.org',
		);
	});

	it('prints one JSON object with --json, honouring --branch, --depth, --limit and --dir', async () => {
		const run = await onboard({
			ref: widget,
			token: sandbox.tokens.repoWrite,
			flags: {
				json: true,
				branch: 'develop',
				depth: 3,
				limit: 3,
				dir: 'sub/clone',
				botEmail: 'c0ffee',
			},
		});
		expect(run.code).toBe(0);
		const lines = run.stdout.trim().split('\n');
		expect(lines).toHaveLength(1);
		const result = JSON.parse(lines[0]!);
		const dir = path.join(run.cwd, 'sub', 'clone');
		expect(result).toEqual({
			ok: true,
			repository: 'acme/widget',
			dir,
			branch: 'develop',
			head: expect.stringMatching(/^[\da-f]{40}$/),
			auth: 'prompt',
			helper: null,
			botEmail: 'c0ffee@bots.bitbucket.org',
			canPush: true,
			scopes: ['repository', 'repository:write', 'pullrequest'],
			credentialType: 'repo_access_token',
			commits: [
				expect.objectContaining({hash: result.head}),
				expect.objectContaining({hash: expect.any(String)}),
				expect.objectContaining({hash: expect.any(String)}),
			],
		});
		// The objects `commits --json` prints for the same branch, one for one.
		const printed: string[] = [];
		const dispatcher = createDispatcher({env: {}});
		await printCommits({
			api: new BitbucketClient({
				apiUrl: sandbox.apiUrl,
				webUrl: sandbox.gitUrl,
				token: sandbox.tokens.repoWrite,
				dispatcher,
			}),
			ref: widget,
			branch: 'develop',
			limit: 3,
			format: 'json',
			gitUrl: sandbox.gitUrl,
			stdout: {write: (chunk: string) => printed.push(chunk)},
		});
		await dispatcher.destroy();
		expect(result.commits).toEqual(
			printed
				.join('')
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line)),
		);
		expect(result.commits[0].author).toEqual({
			raw: expect.stringContaining('<'),
			name: expect.any(String),
			email: expect.stringContaining('@'),
		});
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir})).toBe('3');
		expect(await git(['rev-parse', 'HEAD'], {cwd: dir})).toBe(result.head);
	});

	it('takes a --bot-email that is not a bot address, with a warning', async () => {
		const run = await onboard({
			ref: widget,
			token: sandbox.tokens.repoWrite,
			flags: {depth: 1, botEmail: 'Jo@Example.com'},
		});
		expect(run.code).toBe(0);
		expect(run.stderr).toContain(
			"warning: Jo@example.com is not a bot address (…@bots.bitbucket.org): commits pushed with the token will not show as its bot's.",
		);
		expect(await git(['config', 'user.email'], {cwd: path.join(run.cwd, 'widget')})).toBe(
			'Jo@example.com',
		);
	});

	it('clones without waiting on the commit list when the bot email is known, and warns if the list fails', async () => {
		// Past the wait budget at once: the listing fails for good, with no retry.
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 3600, path: '/commits'}});
		try {
			const run = await onboard({
				ref: widget,
				token: sandbox.tokens.repoWrite,
				flags: {botEmail: 'b', json: true},
			});
			expect(run.code).toBe(0);
			const dir = path.join(run.cwd, 'widget');
			expect(await git(['rev-parse', 'HEAD'], {cwd: dir})).toMatch(/^[\da-f]{40}$/);
			expect(run.stderr).toMatch(
				/^warning: the latest commits of acme\/widget could not be listed: .*[Rr]ate limit/m,
			);
			expect(JSON.parse(run.stdout)).toMatchObject({ok: true, commits: []});
		} finally {
			sandbox.setFaults({});
		}
	});

	it('fails before cloning when the bot email must come from a commit list that fails', async () => {
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 3600, path: '/commits'}});
		try {
			const run = await onboard({ref: widget, token: sandbox.tokens.repoWrite});
			expect(run.code).toBe(5);
			expect(run.stderr).toMatch(/[Rr]ate limit/);
			expect(await exists(path.join(run.cwd, 'widget'))).toBe(false);
		} finally {
			sandbox.setFaults({});
		}
	});

	it('asks for --bot-email when no bot can be found, before cloning anything', async () => {
		const run = await onboard({
			ref: {workspace: 'acme', repo: 'gadget'},
			token: sandbox.tokens.otherRepo,
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/^bbtok-tui: .*--bot-email/m);
		expect(await exists(path.join(run.cwd, 'gadget'))).toBe(false);
	});

	it('refuses an unknown --branch before cloning, listing the branches', async () => {
		const run = await onboard({
			ref: widget,
			token: sandbox.tokens.repoWrite,
			flags: {branch: 'nope', botEmail: 'b'},
		});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('There is no branch nope in acme/widget.');
		expect(run.stderr).toContain('develop');
		expect(await exists(path.join(run.cwd, 'widget'))).toBe(false);
	});

	it('names the REPO argument, then the token sources, when they are missing', async () => {
		const noRepo = await onboard({token: sandbox.tokens.repoWrite});
		expect(noRepo.code).toBe(2);
		expect(noRepo.stderr).toContain('REPO');
		const noToken = await onboard({ref: widget});
		expect(noToken.code).toBe(2);
		expect(noToken.stderr).toContain('--token-stdin');
		expect(noToken.stderr).toContain('BITBUCKET_ACCESS_TOKEN');
	});
});
