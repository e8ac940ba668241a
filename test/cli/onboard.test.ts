/**
 * `bbtok-tui [onboard] REPO` headless, as a script runs it: the built CLI against the sandbox,
 * one case per exit code of PRODUCT.md, the clones checked and pushed with the real git.
 * The runs are independent, so they start together and each test awaits its own.
 */
import {chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {type CliResult, filesContainingAny, runCli, transcript} from './run-cli.js';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;
let runs: Record<string, Promise<{result: CliResult; cwd: string}>>;

/** A run in a fresh working folder with its own settings folder and HOME. */
async function start(
	args: string[],
	options: {env?: NodeJS.ProcessEnv; stdin?: string; prepare?: (cwd: string) => Promise<void>} = {},
) {
	const cwd = await mkdtemp(path.join(root, 'run-'));
	await options.prepare?.(cwd);
	const result = await runCli(args, {
		cwd,
		stdin: options.stdin,
		env: {
			HOME: cwd,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(cwd, '.bbtok-config'),
			...options.env,
		},
	}).done;
	return {result, cwd};
}

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-onboard-'));
	const {tokens} = sandbox;
	const line = (token: string) => `${token}\n`;
	runs = {
		prompt: start(['acme/widget', '--token-stdin'], {stdin: line(tokens.repoWrite)}),
		embed: start(
			[
				'onboard',
				'acme/widget',
				'--auth',
				'embed',
				'--json',
				'--bot-email',
				'ci-bot',
				'--dir',
				'w',
			],
			{
				env: {BITBUCKET_ACCESS_TOKEN: tokens.repoWrite},
			},
		),
		revoked: start(['acme/widget', '--token-stdin'], {stdin: line(tokens.revoked)}),
		noScope: start(['acme/widget', '--token-stdin', '--json'], {stdin: line(tokens.repoNoScope)}),
		otherRepo: start(['acme/widget', '--token-stdin'], {stdin: line(tokens.otherRepo)}),
		unknownRepo: start(['acme/no-such-repo', '--token-stdin'], {stdin: line(tokens.workspaceRead)}),
		nonEmpty: start(['acme/widget', '--token-stdin'], {
			stdin: line(tokens.repoWrite),
			prepare: (cwd) =>
				mkdir(path.join(cwd, 'widget')).then(() =>
					writeFile(path.join(cwd, 'widget', 'keep.txt'), 'mine\n'),
				),
		}),
		tokenFlag: start(['acme/widget', '--token', tokens.repoWrite]),
		missingToken: start(['acme/widget'], {env: {BITBUCKET_ACCESS_TOKEN: ''}}),
		missingRepo: start(['--token-stdin'], {stdin: line(tokens.repoWrite)}),
		badRepo: start(['acme/Not A Repo!', '--token-stdin'], {stdin: line(tokens.repoWrite)}),
		plainHttpApi: start(
			['acme/widget', '--token-stdin', '--api-url', 'http://api.example.com/2.0'],
			{
				stdin: line(tokens.repoWrite),
			},
		),
	};
	// Every run has ended before the tests look at the disk.
	await Promise.all(Object.values(runs));
}, 90_000);

afterAll(async () => {
	await Promise.all([
		sandbox?.close(),
		git?.dispose(),
		root && rm(root, {recursive: true, force: true}),
	]);
});

async function run(name: string) {
	return runs[name]!;
}

describe('a successful headless onboarding', () => {
	it('with --token-stdin and the default --auth prompt: a clone native git accepts, pushing as the bot', async () => {
		const {result, cwd} = await run('prompt');
		expect(result.stderr).not.toContain('\u001B');
		expect(result.code).toBe(0);
		const dir = path.join(cwd, 'widget');
		const bot = sandbox.botEmails.repoWrite;
		const bare = sandbox.gitDirOf('acme', 'widget');
		await git(['fsck', '--full', '--no-progress'], {cwd: dir});
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir})).toBe(
			await git(['--git-dir', bare, 'rev-list', '--count', 'main']),
		);
		expect(await git(['config', '--local', 'user.email'], {cwd: dir})).toBe(bot);
		const host = new URL(sandbox.gitUrl).host;
		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
			`http://x-token-auth@${host}/acme/widget.git`,
		);
		expect(await git(['status', '--porcelain'], {cwd: dir})).toBe('');

		// git asks for the password: an askpass script answers with the token, as a credential helper would.
		const askpass = path.join(cwd, 'askpass.sh');
		await writeFile(askpass, '#!/bin/sh\nprintf "%s\\n" "$TEST_TOKEN"\n');
		await chmod(askpass, 0o700);
		await writeFile(path.join(dir, 'pushed-prompt.txt'), 'from the prompt-mode clone\n');
		await git(['add', '.'], {cwd: dir});
		await git(
			['-c', 'user.name=widget-ci', 'commit', '-q', '-m', 'Push from the prompt-mode clone'],
			{cwd: dir},
		);
		await git(['push', '-q', 'origin', 'HEAD:refs/heads/test/prompt'], {
			cwd: dir,
			env: {GIT_ASKPASS: askpass, TEST_TOKEN: sandbox.tokens.repoWrite},
		});
		expect(await git(['--git-dir', bare, 'log', '-1', '--format=%ae %s', 'test/prompt'])).toBe(
			`${bot} Push from the prompt-mode clone`,
		);
	});

	it('with BITBUCKET_ACCESS_TOKEN, --auth embed and --json: one JSON object, and git pushes with no prompt', async () => {
		const {result, cwd} = await run('embed');
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(
			/warning: --auth embed stores the token as plain text in .*\.git\/config/,
		);
		const lines = result.stdout.trim().split('\n');
		expect(lines).toHaveLength(1);
		const dir = path.join(cwd, 'w');
		const output = JSON.parse(lines[0]!);
		expect(output).toEqual({
			ok: true,
			repository: 'acme/widget',
			dir,
			branch: 'main',
			head: await git(['rev-parse', 'HEAD'], {cwd: dir}),
			auth: 'embed',
			helper: null,
			botEmail: 'ci-bot@bots.bitbucket.org',
			canPush: true,
			scopes: ['repository', 'repository:write', 'pullrequest'],
			credentialType: 'repo_access_token',
			commits: expect.any(Array),
		});
		expect(output.commits).toHaveLength(30);
		// The same object as `commits --json` prints.
		expect(output.commits[0]).toEqual({
			hash: output.head,
			date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			author: {raw: expect.any(String), name: expect.any(String), email: expect.any(String)},
			message: expect.any(String),
			parents: [expect.stringMatching(/^[\da-f]{40}$/)],
			url: `${sandbox.gitUrl}/acme/widget/commits/${output.head}`,
		});

		const host = new URL(sandbox.gitUrl).host;
		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
			`http://x-token-auth:${sandbox.tokens.repoWrite}@${host}/acme/widget.git`,
		);
		await git(
			[
				'-c',
				'user.name=ci',
				'commit',
				'-q',
				'--allow-empty',
				'-m',
				'Push from the embed-mode clone',
			],
			{cwd: dir},
		);
		await git(['push', '-q', 'origin', 'HEAD:refs/heads/test/embed'], {cwd: dir});
		expect(
			await git([
				'--git-dir',
				sandbox.gitDirOf('acme', 'widget'),
				'log',
				'-1',
				'--format=%ae',
				'test/embed',
			]),
		).toBe('ci-bot@bots.bitbucket.org');
	});
});

describe('failures: one line, a hint, the exit code of PRODUCT.md, nothing left behind', () => {
	it.each([
		['revoked', 3, /rejected the token \(401\)/, /admin\/access-tokens/],
		['noScope', 3, /lacks the scope repository/, /create one with repository/],
		['otherRepo', 4, /not found, or this token cannot see it/, /Check the name/],
		['unknownRepo', 4, /acme\/no-such-repo not found/, /Check the name/],
		['nonEmpty', 2, /already exists and is not empty/, /--dir/],
		['tokenFlag', 2, /--token is refused/, /--token-stdin, or in BITBUCKET_ACCESS_TOKEN/],
		['missingToken', 2, /No token given/, /--token-stdin or set BITBUCKET_ACCESS_TOKEN/],
		['missingRepo', 2, /REPO argument is required/, /workspace\/repo/],
		['badRepo', 2, /"acme\/Not A Repo!" has no valid repository slug/, undefined],
		[
			'plainHttpApi',
			2,
			/--api-url uses plain http:\/\/ to api\.example\.com/,
			/loopback|127\.0\.0\.0\/8/,
		],
	])('%s: exit %i', async (name, code, message, hint) => {
		const {result, cwd} = await run(name);
		expect(result.code).toBe(code);
		// Progress lines may come first; the failure is the last line and its hint.
		const lines = result.stderr.trimEnd().split('\n');
		const start = lines.findIndex((line) => line.startsWith('bbtok-tui: '));
		expect(start).toBeGreaterThanOrEqual(0);
		const failure = lines.slice(start);
		expect(failure[0]).toMatch(message);
		expect(failure).toHaveLength(hint ? 2 : 1);
		if (hint) {
			expect(failure[1]).toMatch(hint);
		}

		const left = (await readdir(cwd)).filter((entry) => entry !== '.bbtok-config');
		expect(left).toEqual(name === 'nonEmpty' ? ['widget'] : []);
	});

	it('leaves a non-empty target exactly as it was', async () => {
		const {cwd} = await run('nonEmpty');
		expect(await readdir(path.join(cwd, 'widget'))).toEqual(['keep.txt']);
		expect(await readFile(path.join(cwd, 'widget', 'keep.txt'), 'utf8')).toBe('mine\n');
	});

	it('prints the failure as JSON on stdout with --json', async () => {
		const {result} = await run('noScope');
		expect(JSON.parse(result.stdout)).toEqual({
			ok: false,
			error: {
				exitCode: 3,
				message: expect.stringContaining('repository'),
				hint: expect.any(String),
			},
		});
	});
});

describe('the token stays secret', () => {
	it('appears in no output, settings file or clone, except .git/config with --auth embed', async () => {
		const secrets = Object.values(sandbox.tokens);
		expect(transcript.length).toBeGreaterThanOrEqual(Object.keys(runs).length * 2);
		// --token VALUE is refused, but the value typed there must not be echoed either.
		for (const text of transcript) {
			expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
		}

		const embed = await run('embed');
		const found = await filesContainingAny(root, secrets);
		expect(found).toEqual([path.relative(root, path.join(embed.cwd, 'w', '.git', 'config'))]);
		const settingsFiles = (await readdir(root, {recursive: true})).filter((file) =>
			file.includes('.bbtok-config/config.json'),
		);
		expect(settingsFiles.length).toBeGreaterThanOrEqual(2);
	});
});
