/**
 * `bbtok-tui fix-remote --scan` in a real terminal (tmux, 80×24) against the sandbox, on the
 * tree with every auth form: the token typed at the hidden prompt, the list drawn within the
 * screen, one clone unticked with Space, Enter applying the rest; and Ctrl+C in the list
 * leaving every byte as it was. Nothing secret is ever on the screen or in the scrollback.
 */

import {execFile} from 'node:child_process';
import {access, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {git} from '../fix-remote/git-fixtures.js';
import {snapshotTree} from '../scan/snapshot.js';
import {buildTree, secrets, stopCacheDaemons, type Tree} from '../scan/tree.js';
import {startTmux, type TmuxSession} from './tmux.js';

const exec = promisify(execFile);
const repositoryRoot = new URL('../..', import.meta.url).pathname;
const cliPath = path.join(repositoryRoot, 'dist', 'cli.js');
let sandbox: Sandbox;
let root: string;
const sessions: TmuxSession[] = [];
const captured: string[] = [];

beforeAll(async () => {
	await access(cliPath).catch(() => exec('npm', ['run', 'build'], {cwd: repositoryRoot}));
	sandbox = await startSandbox({env: process.env});
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-e2e-scan-'));
}, 120_000);

afterAll(async () => {
	await Promise.all(sessions.map((session) => session.kill()));
	for (const text of captured) {
		for (const secret of [...Object.values(secrets), ...Object.values(sandbox.tokens)]) {
			expect(text).not.toContain(secret);
		}
	}

	await stopCacheDaemons();
	await Promise.all([sandbox?.close(), rm(root, {recursive: true, force: true})]);
});

async function start(name: string): Promise<{tree: Tree; session: TmuxSession}> {
	const tree = await buildTree(path.join(root, name), sandbox.gitUrl);
	const session = await startTmux({
		command: [process.execPath, cliPath, 'fix-remote', '--scan', tree.root],
		cwd: tree.home,
		socketDir: root,
		width: 80,
		height: 24,
		env: {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: tree.home,
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			GIT_CONFIG_GLOBAL: '/dev/null',
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(tree.home, 'bbtok'),
		},
	});
	sessions.push(session);
	return {tree, session};
}

async function see(session: TmuxSession, text: string | RegExp): Promise<string> {
	const frame = await session.waitFor(text, 15_000);
	captured.push(frame);
	return frame;
}

describe('fix-remote --scan in tmux', () => {
	test('token at the hidden prompt, Space unticks a clone, Enter applies the others', async () => {
		const {tree, session} = await start('apply');
		await see(session, 'Access token:');
		await session.type(sandbox.tokens.projectWrite);
		await session.press('Enter');
		// projectWrite reaches project TOOLS: acme/widget and acme/gadget.
		const list = await see(session, /clones ticked to move onto the token/);
		expect(list.split('\n')[0]).toMatch(/^bbtok-tui/);
		expect(list).toMatch(/› \[x\] app-password/);
		const before = await snapshotTree(tree.clones['app-password']!);
		await session.press('Space');
		await see(session, /› \[ \] app-password/);
		await session.press('Enter');
		await see(session, /migrated, .* 1 unticked/);
		expect(await session.exitStatus()).toBe(0);
		captured.push(await session.scrollback());
		expect(await snapshotTree(tree.clones['app-password']!)).toEqual(before);
		expect(
			(await git(tree.clones['stored-login']!, ['remote', 'get-url', 'origin'])).trim(),
		).toMatch(/^http:\/\/x-token-auth@127\.0\.0\.1:\d+\/acme\/gadget\.git$/);
		// acme/website is in project SITE: out of this token's reach, left as it was.
		expect(
			(await git(tree.clones['account-password']!, ['remote', 'get-url', 'origin'])).trim(),
		).toContain('jo:');
	}, 60_000);

	test('Ctrl+C in the list leaves every clone byte-identical (exit 130)', async () => {
		const {tree, session} = await start('interrupt');
		const before = await snapshotTree(tree.root);
		await see(session, 'Access token:');
		await session.type(sandbox.tokens.workspaceRead);
		await session.press('Enter');
		await see(session, /clones ticked/);
		await session.press('C-c');
		await see(session, /Interrupted; nothing was changed/);
		expect(await session.exitStatus()).toBe(130);
		captured.push(await session.scrollback());
		expect(await snapshotTree(tree.root)).toEqual(before);
	}, 60_000);
});
