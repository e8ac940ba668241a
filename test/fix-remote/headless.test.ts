/**
 * fix-remote end to end through the built CLI (dist/cli.js), against the sandbox: configs
 * written by the real git and then edited by hand, the changed lines checked with the real
 * `diff`, the values with `git config --list`, and the new URL with a real fetch and push.
 */
import {spawn} from 'node:child_process';
import {chmod, mkdir, readFile, realpath, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {configList, git, gitEnv, tempDirs} from './git-fixtures.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const temp = tempDirs();
let sandbox: Sandbox;
let askPass: string;
let gitHost: string;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	gitHost = new URL(sandbox.gitUrl).host;
	const bin = await temp.make();
	askPass = path.join(bin, 'askpass.sh');
	// git's password prompt, answered with the token the test puts in FIX_TEST_TOKEN.
	await writeFile(askPass, '#!/bin/sh\nprintf "%s\\n" "$FIX_TEST_TOKEN"\n');
	await chmod(askPass, 0o755);
});
afterAll(async () => {
	await sandbox.close();
	await temp.cleanup();
});

type Run = {code: number | null; stdout: string; stderr: string};

async function fixRemote(
	args: string[],
	options: {stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string; configDir?: string} = {},
): Promise<Run> {
	const configDir = options.configDir ?? (await temp.make('bbtok-settings-'));
	const child = spawn(process.execPath, [cli, 'fix-remote', ...args], {
		cwd: options.cwd ?? process.cwd(),
		env: {
			...gitEnv,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: configDir,
			BITBUCKET_ACCESS_TOKEN: '',
			...options.env,
		},
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	child.stdin.end(options.stdin ?? '');
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	return {code, stdout, stderr};
}

function expectNoSecret(run: Run, ...secrets: string[]) {
	for (const secret of secrets) {
		expect(run.stdout).not.toContain(secret);
		expect(run.stderr).not.toContain(secret);
	}
}

/** A clone of acme/widget (from the sandbox's bare repository), its config then shaped by `edit`. */
async function cloneWith(
	prepare: (dir: string) => Promise<void>,
	edit: (text: string) => string = (text) => text,
): Promise<{dir: string; configPath: string; before: string}> {
	const base = await realpath(await temp.make());
	const dir = path.join(base, 'widget');
	await git(base, ['clone', '-q', sandbox.gitDirOf('acme', 'widget'), dir]);
	await prepare(dir);
	const configPath = path.join(dir, '.git', 'config');
	const before = edit(await readFile(configPath, 'utf8'));
	await writeFile(configPath, before);
	return {dir, configPath, before};
}

/** The lines `diff` reports as removed (-) and added (+), nothing else. */
async function changedLines(before: string, configPath: string): Promise<string[]> {
	const old = `${configPath}.before`;
	await writeFile(old, before);
	const out = await new Promise<string>((resolve) => {
		const child = spawn('diff', [
			'--unchanged-line-format=',
			'--old-line-format=-%L',
			'--new-line-format=+%L',
			old,
			configPath,
		]);
		let text = '';
		child.stdout.on('data', (chunk: Buffer) => {
			text += chunk.toString();
		});
		child.on('close', () => resolve(text));
	});
	return out.split('\n').filter((line) => line !== '');
}

function fetchEnv(token: string): NodeJS.ProcessEnv {
	return {GIT_ASKPASS: askPass, FIX_TEST_TOKEN: token, GIT_TERMINAL_PROMPT: '0'};
}

async function bitbucketOrigin(clone: string): Promise<void> {
	await git(clone, ['remote', 'set-url', 'origin', 'https://bitbucket.org/acme/widget.git']);
}

const botId = '5f3e1c2a-0b7d-4e9f-a1c3-7d2e9b4f6a80';

describe('fix-remote, headless, on configs written by git and edited by hand', () => {
	it('converts an SSH origin and adds the bot email, changing only those lines', async () => {
		const token = sandbox.tokens.repoRead;
		const {dir, configPath, before} = await cloneWith(
			async (clone) => {
				await git(clone, ['remote', 'set-url', 'origin', 'git@bitbucket.org:acme/widget.git']);
				await git(clone, ['remote', 'add', 'my.fork', 'https://bitbucket.org/me/widget.git']);
				await git(clone, [
					'remote',
					'set-url',
					'--push',
					'my.fork',
					'git@bitbucket.org:me/widget.git',
				]);
				await git(clone, ['remote', 'add', 'we"ird', 'ssh://git@example.com/x.git']);
				await git(clone, ['config', 'include.path', '../shared.gitconfig']);
				await git(clone, ['config', 'includeIf.gitdir:~/work/.path', 'work.gitconfig']);
				await git(clone, ['config', 'user.name', 'Jo Dev']);
			},
			(text) =>
				`# Edited by hand: keep this comment\n${text}`
					.replace(
						'\tbare = false\n',
						'\tbare = false ; trailing comment\n\n; a semicolon comment\n',
					)
					.replace(
						'[remote "origin"]\n\turl',
						'[remote "origin"]\n    # the remote to fix\n    url',
					)
					.replace('\tname = Jo Dev\n', '\tname = Jo Dev # trailing\n'),
		);
		const listBefore = await configList(configPath);

		const run = await fixRemote(
			[dir, '--no-input', '--json', '--token-stdin', '--bot-email', botId],
			{
				stdin: `${token}\n`,
			},
		);
		expectNoSecret(run, token);
		expect(run.code).toBe(0);
		const botEmail = `${botId}@bots.bitbucket.org`;
		const newUrl = `http://x-token-auth@${gitHost}/acme/widget.git`;
		expect(JSON.parse(run.stdout)).toEqual({
			ok: true,
			repository: dir,
			remote: 'origin',
			url: newUrl,
			auth: 'prompt',
			helper: null,
			botEmail,
			canPush: false,
			strippedRemotes: [],
		});
		expect(await changedLines(before, configPath)).toEqual([
			'-    url = git@bitbucket.org:acme/widget.git',
			`+    url = ${newUrl}`,
			`+\temail = ${botEmail}`,
		]);
		expect(await configList(configPath)).toEqual([
			...listBefore.map((item) =>
				item.startsWith('remote.origin.url=') ? `remote.origin.url=${newUrl}` : item,
			),
			`user.email=${botEmail}`,
		]);
		expect(run.stderr).toContain(`+    url = ${newUrl}`);

		await git(dir, ['fetch', '-q', 'origin', 'develop'], fetchEnv(token));
		expect(await git(dir, ['rev-parse', 'FETCH_HEAD'])).toBe(
			await git(dir, ['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-parse', 'develop']),
		);
	});

	it('replaces an embedded app password in a CRLF file, strips other secrets, and the new URL pushes', async () => {
		const appPassword = 'AppPassw0rd-Secret-9f8e7d';
		const backupSecret = 'BackupS3cret-1a2b3c';
		const token = sandbox.tokens.repoWrite;
		const {dir, configPath, before} = await cloneWith(
			async (clone) => {
				await git(clone, [
					'remote',
					'set-url',
					'origin',
					`https://jo:${appPassword}@bitbucket.org/acme/widget.git`,
				]);
				await git(clone, [
					'remote',
					'add',
					'backup',
					`https://ci:${backupSecret}@example.com/widget.git`,
				]);
			},
			(text) => text.replaceAll('\n', '\r\n'),
		);

		const run = await fixRemote(
			[dir, '--no-input', '--auth', 'embed', '--strip-credentials', '--bot-email', botId],
			{env: {BITBUCKET_ACCESS_TOKEN: token}},
		);
		expectNoSecret(run, token, appPassword, backupSecret);
		expect(run.code).toBe(0);
		expect(run.stderr).toContain('https://ci:***@example.com/widget.git');
		expect(run.stderr).toContain('WARNING: the token sits in .git/config as plain text');
		expect(run.stdout).toBe(
			`origin of ${dir} now uses http://x-token-auth:***@${gitHost}/acme/widget.git\n`,
		);

		const after = await readFile(configPath, 'utf8');
		expect(after).not.toContain(appPassword);
		expect(after).not.toContain(backupSecret);
		expect(after.replaceAll('\r\n', '')).not.toContain('\n');
		expect(await changedLines(before, configPath)).toEqual([
			`-\turl = https://jo:${appPassword}@bitbucket.org/acme/widget.git\r`,
			`+\turl = http://x-token-auth:${token}@${gitHost}/acme/widget.git\r`,
			`-\turl = https://ci:${backupSecret}@example.com/widget.git\r`,
			'+\turl = https://ci@example.com/widget.git\r',
			'+[user]\r',
			`+\temail = ${botId}@bots.bitbucket.org\r`,
		]);

		await git(dir, ['checkout', '-q', '-b', 'fix-remote-push']);
		await writeFile(path.join(dir, 'pushed.txt'), 'pushed through the fixed remote\n');
		await git(dir, ['add', 'pushed.txt']);
		await git(dir, ['commit', '-q', '-m', 'Push through the fixed remote'], {
			GIT_AUTHOR_EMAIL: undefined,
			GIT_COMMITTER_EMAIL: undefined,
		});
		await git(dir, ['push', '-q', 'origin', 'fix-remote-push']);
		const bare = ['--git-dir', sandbox.gitDirOf('acme', 'widget')];
		expect(await git(dir, [...bare, 'log', '-1', '--format=%ae %s', 'fix-remote-push'])).toBe(
			`${botId}@bots.bitbucket.org Push through the fixed remote\n`,
		);
	});

	it('keeps a missing final newline, replaces the old email, and fixes from inside a linked worktree', async () => {
		const token = sandbox.tokens.repoRead;
		const {dir, configPath, before} = await cloneWith(
			async (clone) => {
				await git(clone, [
					'remote',
					'set-url',
					'origin',
					'ssh://git@bitbucket.org/acme/widget.git',
				]);
				await git(clone, ['worktree', 'add', '-q', '-b', 'wt', path.join(clone, '..', 'wt')]);
			},
			(text) => text.replace('[remote', '[user]\n\temail = old@example.com\n[remote').trimEnd(),
		);
		const worktree = path.join(dir, '..', 'wt');
		await mkdir(path.join(worktree, 'sub'));

		const run = await fixRemote(['--no-input', '--json', '--bot-email', botId], {
			cwd: path.join(worktree, 'sub'),
			env: {BITBUCKET_ACCESS_TOKEN: token},
		});
		expect(run.code).toBe(0);
		expect(JSON.parse(run.stdout)).toMatchObject({repository: worktree, canPush: false});
		expect(await changedLines(before, configPath)).toEqual([
			'-\temail = old@example.com',
			`+\temail = ${botId}@bots.bitbucket.org`,
			'-\turl = ssh://git@bitbucket.org/acme/widget.git',
			`+\turl = http://x-token-auth@${gitHost}/acme/widget.git`,
		]);
		expect((await readFile(configPath, 'utf8')).endsWith('\n')).toBe(false);
		expect(run.stderr).toContain(`Bot email: ${botId}@bots.bitbucket.org (was old@example.com)`);
		await git(worktree, ['fetch', '-q', 'origin', 'main'], fetchEnv(token));
	});

	it('uses the bot email remembered for the repository, else leaves it unchanged with a note', async () => {
		const configDir = await temp.make('bbtok-settings-');
		const env = {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead};
		const first = await cloneWith(bitbucketOrigin);
		expect(
			(await fixRemote([first.dir, '--no-input', '--bot-email', botId], {env, configDir})).code,
		).toBe(0);

		const second = await cloneWith(bitbucketOrigin);
		const remembered = await fixRemote([second.dir, '--no-input', '--json'], {env, configDir});
		expect(JSON.parse(remembered.stdout)).toMatchObject({botEmail: `${botId}@bots.bitbucket.org`});

		const third = await cloneWith(bitbucketOrigin);
		const unknown = await fixRemote([third.dir, '--no-input', '--json'], {env});
		expect(JSON.parse(unknown.stdout)).toMatchObject({botEmail: null});
		expect(unknown.stderr).toContain('Bot email: unchanged (not set)');
		expect(unknown.stderr).toContain('--bot-email');
		expect(remembered.stderr).not.toContain('not a bot address');

		const fourth = await cloneWith(bitbucketOrigin);
		const person = await fixRemote([fourth.dir, '--no-input', '--bot-email', 'jo@example.com'], {
			env,
		});
		expect(person.code).toBe(0);
		expect(person.stderr).toContain(
			'  warning: jo@example.com is not a bot address (…@bots.bitbucket.org)',
		);
		expect(await readFile(third.configPath, 'utf8')).not.toContain('email');
	});

	it('asks for --remote when several Bitbucket remotes and no origin', async () => {
		const {dir, configPath, before} = await cloneWith(async (clone) => {
			await bitbucketOrigin(clone);
			await git(clone, ['remote', 'rename', 'origin', 'upstream']);
			await git(clone, ['remote', 'add', 'fork', 'git@bitbucket.org:acme/widget.git']);
		});
		const env = {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead};
		const ambiguous = await fixRemote([dir, '--no-input'], {env});
		expect(ambiguous.code).toBe(2);
		expect(ambiguous.stderr).toContain('Several Bitbucket remotes');
		expect(ambiguous.stderr).toContain('--remote');
		expect(await readFile(configPath, 'utf8')).toBe(before);

		const chosen = await fixRemote([dir, '--no-input', '--json', '--remote', 'fork'], {env});
		expect(JSON.parse(chosen.stdout)).toMatchObject({remote: 'fork'});
		expect(await changedLines(before, configPath)).toEqual([
			'-\turl = git@bitbucket.org:acme/widget.git',
			`+\turl = http://x-token-auth@${gitHost}/acme/widget.git`,
		]);
	});
});

describe('fix-remote refusals leave the config byte-identical', () => {
	it('refuses a folder outside any repository, and a repository without a Bitbucket remote (exit 2)', async () => {
		const outside = await temp.make();
		const notRepo = await fixRemote([outside, '--no-input'], {
			env: {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead},
		});
		expect(notRepo.code).toBe(2);
		expect(notRepo.stderr).toContain(`Not a git repository: no .git in ${outside}`);

		const secret = 'GhSecret-4d5e6f';
		const {dir, configPath, before} = await cloneWith(async (clone) => {
			await git(clone, [
				'remote',
				'set-url',
				'origin',
				`https://me:${secret}@github.com/acme/widget.git`,
			]);
		});
		const noBitbucket = await fixRemote([dir, '--no-input'], {
			env: {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead},
		});
		expectNoSecret(noBitbucket, secret);
		expect(noBitbucket.code).toBe(2);
		expect(noBitbucket.stderr).toContain(
			`No Bitbucket remote in ${dir} (found: origin https://me:***@github.com/acme/widget.git).`,
		);
		expect(await readFile(configPath, 'utf8')).toBe(before);
	});

	it('refuses a rejected token (3), a repository out of its reach (4) and a missing token (2)', async () => {
		const {dir, configPath, before} = await cloneWith(async (clone) => {
			await git(clone, ['remote', 'set-url', 'origin', 'git@bitbucket.org:acme/widget.git']);
		});
		const revoked = await fixRemote([dir, '--no-input', '--token-stdin', '--json'], {
			stdin: `${sandbox.tokens.revoked}\n`,
		});
		expectNoSecret(revoked, sandbox.tokens.revoked);
		expect(revoked.code).toBe(3);
		expect(JSON.parse(revoked.stdout)).toMatchObject({ok: false, error: {exitCode: 3}});

		const otherRepo = await fixRemote([dir, '--no-input'], {
			env: {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.otherRepo},
		});
		expect(otherRepo.code).toBe(4);

		const missing = await fixRemote([dir, '--no-input']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('--token-stdin');
		expect(missing.stderr).toContain('BITBUCKET_ACCESS_TOKEN');
		expect(await readFile(configPath, 'utf8')).toBe(before);
	});
});
