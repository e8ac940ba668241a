/**
 * `bbtok-tui fix-remote` end to end in a real terminal: the built CLI in a tmux session,
 * run inside clones made by the real git (an app-password URL, a hand-edited config), driven
 * keystroke by keystroke against the sandbox; the written .git/config is then compared byte
 * for byte with what it was, and a real `git fetch` proves the new remote works.
 */
import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {cliPath, ensureBuiltCli, sandboxEnv, screenLog} from './cli.js';
import {startTmux, type TmuxSession} from './tmux.js';

const appPassword = 'AppPass-1234';
const originalUrl = `https://jo:${appPassword}@bitbucket.org/acme/widget.git`;
const otherRemote = '[remote "fork"]\n\turl = git@bitbucket.org:jo/widget.git\n';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;
const sessions: TmuxSession[] = [];
/** For the leak check at the end. */
const {captured, see, finish} = screenLog();

beforeAll(async () => {
	await ensureBuiltCli();
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-e2e-fix-remote-'));
}, 120_000);

afterAll(async () => {
	await Promise.all(sessions.map((session) => session.kill()));
	await Promise.all([sandbox?.close(), git?.dispose(), rm(root, {recursive: true, force: true})]);
});

function gitUrlWith(userinfo: string): string {
	return `${sandbox.gitUrl.replace('://', `://${userinfo}@`)}/acme/widget.git`;
}

/**
 * A clone of acme/widget made by the real git, then set up as a person might have left it:
 * an app password in origin's URL, a personal user.email, comments and a second remote
 * written by hand.
 */
async function cloneWithAppPassword(name: string): Promise<{dir: string; configPath: string}> {
	const dir = path.join(root, name);
	await git(['clone', '-q', gitUrlWith(`x-token-auth:${sandbox.tokens.repoRead}`), dir]);
	await git(['remote', 'set-url', 'origin', originalUrl], {cwd: dir});
	await git(['config', 'user.email', 'jo@example.com'], {cwd: dir});
	const configPath = path.join(dir, '.git', 'config');
	const config = await readFile(configPath, 'utf8');
	expect(config).not.toContain(sandbox.tokens.repoRead);
	await writeFile(
		configPath,
		config.replace(
			'[remote "origin"]\n',
			`# comment: origin was set up by hand\n[remote "origin"]\n\t# keep this line\n`,
		) + otherRemote,
	);
	return {dir, configPath};
}

async function run(
	name: string,
	cwd: string,
	env: Record<string, string> = {},
): Promise<TmuxSession> {
	const session = await startTmux({
		command: [process.execPath, cliPath, 'fix-remote'],
		cwd,
		socketDir: root,
		env: {
			...sandboxEnv(sandbox, {home: git.home, configDir: path.join(root, `${name}-config`)}),
			...env,
		},
	});
	sessions.push(session);
	return session;
}

/** The lines that differ between two versions of a file with the same number of lines. */
function changedLines(before: string, after: string): Array<[string, string]> {
	const old = before.split('\n');
	const next = after.split('\n');
	expect(next).toHaveLength(old.length);
	return old.flatMap(
		(line, index): Array<[string, string]> => (line === next[index] ? [] : [[line, next[index]!]]),
	);
}

describe('bbtok-tui fix-remote in a terminal', () => {
	test('token and bare bot id typed, y: only the URL and email lines change, and git fetches', async () => {
		const {dir, configPath} = await cloneWithAppPassword('apply');
		const before = await readFile(configPath, 'utf8');
		const token = sandbox.tokens.repoWrite;
		const bot = sandbox.botEmails.repoWrite;
		const session = await run('apply', dir);
		const prompt = await see(session, 'Access token for acme/widget');
		// The current URL is shown, with the app password masked.
		expect(prompt).toContain('https://jo:***@bitbucket.org/acme/widget.git');
		await session.type(token);
		await see(session, 'token entered (hidden)');
		await session.press('Enter');
		await see(session, 'Bot email');
		await session.type(bot.split('@')[0]!);
		await see(session, `→ user.email ${bot}`);
		await session.press('Enter');
		const preview = await see(session, 'Write this change?');
		expect(preview).toContain('Token verified: it can fetch and push.');
		// The diff as drawn (tmux shows the tabs as spaces).
		expect(preview).toMatch(/^-\s+url = https:\/\/jo:\*\*\*@bitbucket\.org\/acme\/widget\.git$/m);
		expect(preview).toContain(`url = ${gitUrlWith('x-token-auth')}`);
		expect(preview).toMatch(/^-\s+email = jo@example\.com$/m);
		await session.press('y');
		expect(await finish(session)).toBe(0);
		expect(await session.screen()).toContain(`Updated ${configPath}.`);

		expect(await git(['config', 'remote.origin.url'], {cwd: dir})).toBe(gitUrlWith('x-token-auth'));
		expect(await git(['config', 'user.email'], {cwd: dir})).toBe(bot);
		const after = await readFile(configPath, 'utf8');
		expect(changedLines(before, after)).toEqual([
			[`\turl = ${originalUrl}`, `\turl = ${gitUrlWith('x-token-auth')}`],
			['\temail = jo@example.com', `\temail = ${bot}`],
		]);
		expect(after).toContain('# comment: origin was set up by hand\n');
		expect(after).toContain(otherRemote);

		// --auth prompt: git asks for the password and GIT_ASKPASS answers with the token.
		const askpass = path.join(root, 'askpass.sh');
		await writeFile(askpass, '#!/bin/sh\nprintf \'%s\\n\' "$BBTOK_E2E_TOKEN"\n');
		await chmod(askpass, 0o700);
		await git(['update-ref', '-d', 'refs/remotes/origin/main'], {cwd: dir});
		await git(['fetch', '-q', 'origin'], {
			cwd: dir,
			env: {GIT_ASKPASS: askpass, BBTOK_E2E_TOKEN: token},
		});
		expect(await git(['rev-parse', 'refs/remotes/origin/main'], {cwd: dir})).toBe(
			await git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-parse', 'main']),
		);
	}, 30_000);

	test('n at the preview (token from BITBUCKET_ACCESS_TOKEN) leaves .git/config byte-identical', async () => {
		const {dir, configPath} = await cloneWithAppPassword('cancel');
		const before = await readFile(configPath);
		const session = await run('cancel', dir, {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoWrite});
		// No token prompt: the token is checked, then the email is asked for.
		await see(session, 'Bot email');
		// Enter on the empty field keeps user.email: the preview changes the URL only.
		await see(session, 'keeps user.email (jo@example.com)');
		await session.press('Enter');
		const preview = await see(session, 'Write this change?');
		expect(preview).toContain(`url = ${gitUrlWith('x-token-auth')}`);
		expect(preview).not.toMatch(/^[-+]\s+email/m);
		await session.press('n');
		expect(await finish(session)).toBe(0);
		expect(await session.screen()).toContain('Cancelled; .git/config was not changed.');
		expect((await readFile(configPath)).equals(before)).toBe(true);
	}, 30_000);

	test('a revoked token is refused in place, the prompt asks again, Ctrl+C exits 130 with nothing changed', async () => {
		const {dir, configPath} = await cloneWithAppPassword('revoked');
		const before = await readFile(configPath);
		const session = await run('revoked', dir);
		await see(session, 'Access token for acme/widget');
		await session.type(sandbox.tokens.revoked);
		await see(session, 'token entered (hidden)');
		await session.press('Enter');
		// Asked again: an empty field under the reason the last token was refused.
		const again = await see(session, 'paste the token (nothing is shown)');
		expect(again).toContain('Access token for acme/widget');
		expect(again).toMatch(/invalid|expired|revoked/i);
		await session.press('C-c');
		expect(await finish(session)).toBe(130);
		expect(await session.screen()).toContain('Interrupted; .git/config was not changed.');
		expect((await readFile(configPath)).equals(before)).toBe(true);
	}, 30_000);

	test('no token and no app password in any terminal output, scrollback included', () => {
		expect(captured).toHaveLength(14);
		for (const text of captured) {
			expect(text).not.toContain(appPassword);
			for (const token of Object.values(sandbox.tokens)) {
				expect(text).not.toContain(token);
			}
		}
	});
});
