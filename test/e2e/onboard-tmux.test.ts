/**
 * End to end in a real terminal: the built CLI (dist/cli.js, made by `npm test` before
 * vitest runs, or here when missing) in a 100x30 tmux session, driven keystroke by keystroke
 * against the sandbox started in this process, and the results checked with the real git
 * CLI, down to a push that lands in the sandbox authored by the token's bot.
 */
import {access, chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {cliPath, ensureBuiltCli, sandboxEnv, screenLog} from './cli.js';
import {startTmux, type TmuxSession} from './tmux.js';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;
const sessions: TmuxSession[] = [];
/** Every screen and scrollback captured, for the leak check at the end. */
const {captured, finish} = screenLog();

beforeAll(async () => {
	await ensureBuiltCli();
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-e2e-'));
}, 120_000);

afterAll(async () => {
	await Promise.all(sessions.map((session) => session.kill()));
	await Promise.all([sandbox?.close(), git?.dispose(), rm(root, {recursive: true, force: true})]);
});

type Run = {session: TmuxSession; cwd: string; configDir: string};

async function run(
	name: string,
	args: readonly string[],
	env: Record<string, string> = {},
	size: {width?: number; height?: number} = {},
): Promise<Run> {
	const cwd = path.join(root, name);
	const configDir = path.join(root, `${name}-config`);
	await mkdir(cwd, {recursive: true});
	const session = await startTmux({
		command: [process.execPath, cliPath, ...args],
		cwd,
		socketDir: root,
		env: {
			...sandboxEnv(sandbox, {home: git.home, configDir}),
			...env,
		},
		...size,
	});
	sessions.push(session);
	return {session, cwd, configDir};
}

function gitUrlWith(userinfo: string, ref: string): string {
	return `${sandbox.gitUrl.replace('://', `://${userinfo}@`)}/${ref}.git`;
}

describe('bbtok-tui in a terminal', () => {
	test('the whole wizard, then fsck, history, identity, remote, and a push as the bot (prompt mode)', async () => {
		const token = sandbox.tokens.repoWrite;
		const bot = sandbox.botEmails.repoWrite;
		const {session, cwd, configDir} = await run('prompt', []);
		await session.waitFor('1/7 Repository');
		await session.type('https://bitbucket.org/acme/widget/src/main/README.md');
		await session.waitFor('✓ acme/widget');
		await session.press('Enter');
		await session.waitFor('2/7 Token');
		await session.type(token);
		await session.waitFor('token entered (hidden)');
		await session.press('Enter');
		await session.waitFor('The token reaches acme/widget.');
		await session.press('Enter');
		await session.waitFor('(new folder)');
		await session.press('Enter');
		await session.waitFor('6/7 Bot email', 30_000);
		await session.waitFor(bot);
		await session.press('Up');
		await session.waitFor(`› ${bot}`);
		await session.press('Enter');
		await session.waitFor('Name (optional');
		await session.type('Widget bot');
		await session.press('Enter');
		await session.waitFor('7/7 Done');
		const dir = path.join(cwd, 'widget');
		const head = await git(['rev-parse', 'HEAD'], {cwd: dir});
		const done = await session.waitFor(`› ${head.slice(0, 7)}`);
		expect(done).toContain('acme/widget is ready in ./widget');
		// The frame fits the terminal: Ink redrew in place, the header is still on the first line.
		expect(done.split('\n')[0]).toMatch(/^bbtok-tui · 7\/7 Done/);
		await session.press('q');
		expect(await finish(session)).toBe(0);

		await git(['fsck', '--strict'], {cwd: dir});
		const bare = sandbox.gitDirOf('acme', 'widget');
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir})).toBe(
			await git(['--git-dir', bare, 'rev-list', '--count', 'main']),
		);
		expect(await git(['config', 'user.email'], {cwd: dir})).toBe(bot);
		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
			gitUrlWith('x-token-auth', 'acme/widget'),
		);

		// Prompt mode: git asks for the password; GIT_ASKPASS answers with the token.
		const askpass = path.join(root, 'askpass.sh');
		await writeFile(askpass, '#!/bin/sh\nprintf \'%s\\n\' "$BBTOK_E2E_TOKEN"\n');
		await chmod(askpass, 0o700);
		await writeFile(path.join(dir, 'e2e.txt'), 'pushed from the e2e test\n');
		await git(['add', 'e2e.txt'], {cwd: dir});
		await git(['commit', '-q', '-m', 'Push from the e2e test'], {cwd: dir});
		await git(['push', '-q', 'origin', 'HEAD'], {
			cwd: dir,
			env: {GIT_ASKPASS: askpass, BBTOK_E2E_TOKEN: token},
		});
		expect(await git(['--git-dir', bare, 'log', '-1', '--format=%ae %an %s', 'main'])).toBe(
			`${bot} Widget bot Push from the e2e test`,
		);

		expect(await readFile(path.join(dir, '.git', 'config'), 'utf8')).not.toContain(token);
		for (const file of await readdir(configDir)) {
			expect(await readFile(path.join(configDir, file), 'utf8')).not.toContain(token);
		}
	}, 90_000);

	test('REPO argument and BITBUCKET_ACCESS_TOKEN, embed mode: the token is in .git/config only', async () => {
		const token = sandbox.tokens.repoWrite;
		const {session, cwd, configDir} = await run('embed', ['acme/widget', '--depth', '5'], {
			BITBUCKET_ACCESS_TOKEN: token,
		});
		await session.waitFor('BITBUCKET_ACCESS_TOKEN is set');
		await session.press('Enter');
		await session.waitFor('The token reaches acme/widget.');
		await session.press('Enter');
		await session.waitFor(/Depth\s+5/);
		// Directory, branch, history, depth, auth.
		await session.press('Down', 'Down', 'Down', 'Down', 'Right');
		await session.waitFor('The token will sit in .git/config as plain text');
		await session.press('Enter');
		await session.waitFor('6/7 Bot email', 30_000);
		// Keys written at once reach Ink as one chunk: the two Backspaces still delete.
		await session.type('e2ebxx\u007F\u007Fot');
		await session.waitFor('→ user.email e2ebot@bots.bitbucket.org');
		await session.press('Enter');
		await session.waitFor('Name (optional');
		await session.press('Enter');
		await session.waitFor('7/7 Done');
		await session.waitFor('x-token-auth:***@');
		await session.press('q');
		expect(await finish(session)).toBe(0);

		const dir = path.join(cwd, 'widget');
		await git(['fsck'], {cwd: dir});
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir})).toBe('5');
		expect(await git(['config', 'user.email'], {cwd: dir})).toBe('e2ebot@bots.bitbucket.org');
		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
			gitUrlWith(`x-token-auth:${token}`, 'acme/widget'),
		);
		// Embed mode needs no prompt.
		await git(['fetch', '-q', 'origin'], {cwd: dir});
		const settings = await readdir(configDir);
		expect(settings.length).toBeGreaterThan(0);
		for (const file of settings) {
			expect(await readFile(path.join(configDir, file), 'utf8')).not.toContain(token);
		}
	}, 90_000);

	test('Ctrl+C mid-clone exits 130 and leaves no directory', async () => {
		sandbox.setFaults({latencyMs: 250});
		try {
			const {session, cwd} = await run('interrupted', ['acme/widget', '--yes'], {
				BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoWrite,
			});
			// --yes: the token from the environment and the default options, no question asked.
			await session.waitFor('5/7 Clone', 20_000);
			await session.press('C-c');
			expect(await finish(session, 20_000)).toBe(130);
			await expect(access(path.join(cwd, 'widget'))).rejects.toThrow();
		} finally {
			sandbox.setFaults({});
		}
	}, 60_000);

	test('bbtok-tui demo at 80×24: through the wizard to the commit list, every screen fitting', async () => {
		const {session, cwd} = await run('demo', ['demo'], {}, {width: 80, height: 24});
		await session.waitFor('local Bitbucket sandbox', 20_000);
		await session.waitFor('1/7 Repository');
		await session.press('Up');
		await session.waitFor('› acme/widget');
		await session.press('Enter');
		await session.waitFor('Demo token');
		await session.press('Enter');
		await session.waitFor('The token reaches acme/widget.', 20_000);
		await session.press('Enter');
		await session.waitFor('(new folder)');
		await session.press('Enter');
		await session.waitFor("the sandbox token's bot email is", 30_000);
		await session.press('Up');
		await session.press('Enter');
		await session.waitFor('Name (optional');
		await session.press('Enter');
		await session.waitFor('7/7 Done');
		const head = await git(['rev-parse', 'HEAD'], {cwd: path.join(cwd, 'widget')});
		const done = await session.waitFor(`› ${head.slice(0, 7)}`);
		// Ink redraws in place only while a frame is shorter than the terminal: the header stays.
		expect(done.split('\n')[0]).toMatch(/^bbtok-tui · 7\/7 Done +acme\/widget$/);
		expect(done).toContain('For scripts:');
		await session.press('q');
		// The demo's own token is shown on purpose; it is not this sandbox's.
		expect(await finish(session)).toBe(0);
	}, 90_000);

	test('no token in any terminal output, scrollback included', () => {
		expect(captured).toHaveLength(4);
		for (const text of captured) {
			for (const token of Object.values(sandbox.tokens)) {
				expect(text).not.toContain(token);
			}
		}
	});
});
