/**
 * `bbtok-tui commits` end to end in a real terminal: the built CLI in a 100x30 tmux session
 * against the sandbox, driven keystroke by keystroke (move, details, filter, quit), with what
 * the screen shows checked against the real git history of the sandbox's bare repository.
 */
import {mkdtemp, rm} from 'node:fs/promises';
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
/** Newest first, as `git rev-list main` lists them (and the API pages them). */
let hashes: string[];
const sessions: TmuxSession[] = [];
/** For the leak check at the end. */
const {captured, see, finish} = screenLog();

beforeAll(async () => {
	await ensureBuiltCli();
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-e2e-commits-'));
	hashes = (await bare(['rev-list', 'main'])).split('\n');
}, 120_000);

afterAll(async () => {
	await Promise.all(sessions.map((session) => session.kill()));
	await Promise.all([sandbox?.close(), git?.dispose(), rm(root, {recursive: true, force: true})]);
});

function bare(args: readonly string[]): Promise<string> {
	return git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), ...args]);
}

const short = (hash: string) => hash.slice(0, 7);

async function run(name: string, env: Record<string, string> = {}): Promise<TmuxSession> {
	const session = await startTmux({
		command: [process.execPath, cliPath, 'commits', 'acme/widget'],
		cwd: root,
		socketDir: root,
		width: 100,
		height: 30,
		env: {
			...sandboxEnv(sandbox, {home: git.home, configDir: path.join(root, `${name}-config`)}),
			...env,
		},
	});
	sessions.push(session);
	return session;
}

/** The short hashes of the list rows on screen, top to bottom. */
function rowHashes(frame: string): string[] {
	return [...frame.matchAll(/^[› ] ([\da-f]{7}) . /gm)].map((match) => match[1]!);
}

/**
 * The footer once commits are on screen and no page is in flight. At least one commit: for a
 * frame before the first page is asked for, the footer reads `0/0 · more on scroll`.
 */
const settledFooter = /^[1-9]\d*\/[1-9]\d* · (?:more on scroll · G all|all loaded)/m;

describe('bbtok-tui commits in a terminal', () => {
	test('BITBUCKET_ACCESS_TOKEN: list, j j j, details with diffstat, back, filter, quit', async () => {
		const session = await run('browse', {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead});
		const first = await see(session, settledFooter);
		expect(first.split('\n')[0]).toMatch(/^acme\/widget {2}main +\? keys {2}q quit$/);
		// 30 rows: one left free, the header and the footer; the rest is commits, newest first.
		expect(rowHashes(first)).toEqual(hashes.slice(0, 27).map(short));
		expect(first).toContain(`› ${short(hashes[0]!)}`);

		await session.press('j', 'j', 'j');
		await see(session, `› ${short(hashes[3]!)}`);
		await session.press('Enter');
		const hash = hashes[3]!;
		const numstat = (await bare(['diff', '--numstat', `${hash}^`, hash]))
			.split('\n')
			.map((line) => line.split('\t'));
		const count = (column: number) =>
			numstat.reduce((sum, fields) => sum + Number(fields[column]), 0);
		const [added, removed] = [count(0), count(1)];
		const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
		const totals = [
			`${plural(numstat.length, 'file')} changed`,
			...(added > 0 ? [`${plural(added, 'insertion')}(+)`] : []),
			...(removed > 0 ? [`${plural(removed, 'deletion')}(−)`] : []),
		].join(', ');
		const detail = await see(session, totals);
		expect(detail).toContain(`commit ${hash}`);
		expect(detail).toContain(await bare(['log', '-1', '--format=%s', hash]));
		for (const [, , file] of numstat) {
			expect(detail).toMatch(new RegExp(`^ [AMDR] ${file!.replaceAll('.', '\\.')} +\\| `, 'm'));
		}

		await session.press('q');
		const back = await see(session, /^4\/\d+ · /m);
		expect(back).toContain(`› ${short(hash)}`);
		expect(back).not.toContain(`commit ${hash}`);

		await session.press('/');
		await session.type('sprocket');
		const filtered = await see(
			session,
			/^\/sprocket.*\n(\d+)\/(\d+) matches in (\d+) loaded · (?:more on scroll · G all|all loaded)/m,
		);
		const [, , shown, loaded] = /^(\d+)\/(\d+) matches in (\d+) loaded/m.exec(filtered)!;
		const log = await bare(['log', '--format=%H%x1f%an <%ae>%x1f%B%x1e', '-n', loaded!, 'main']);
		const matching = log
			.split('\x1e')
			.map((record) => record.trim().split('\x1f'))
			.filter((fields) => fields.join('\n').toLowerCase().includes('sprocket'))
			.map(([full]) => short(full!));
		expect(matching.length).toBeGreaterThan(1);
		expect(Number(shown)).toBe(matching.length);
		expect(rowHashes(filtered)).toEqual(matching.slice(0, rowHashes(filtered).length));
		expect(rowHashes(filtered).length).toBe(Math.min(matching.length, 26));

		await session.press('Escape');
		const cleared = await see(session, settledFooter);
		expect(cleared).not.toContain('matches in');
		await session.press('q');
		expect(await finish(session)).toBe(0);
	}, 30_000);

	test('no BITBUCKET_ACCESS_TOKEN: a hidden prompt, a pasted token opens the list', async () => {
		const token = sandbox.tokens.repoRead;
		const session = await run('prompt');
		const prompt = await see(session, 'Access token for acme/widget');
		expect(prompt.split('\n')[0]).toMatch(/^bbtok-tui · commits +acme\/widget$/);
		await session.type(token);
		const typed = await see(session, 'token entered (hidden)');
		expect(typed).not.toMatch(/\*{4}/);
		await session.press('Enter');
		const list = await see(session, settledFooter);
		expect(rowHashes(list)[0]).toBe(short(hashes[0]!));
		await session.press('q');
		expect(await finish(session)).toBe(0);
	}, 30_000);

	test('Esc at the token prompt leaves with exit 0, nothing asked of the API', async () => {
		const session = await run('escape');
		await see(session, 'Access token for acme/widget');
		const before = sandbox.requests.length;
		await session.press('Escape');
		expect(await finish(session)).toBe(0);
		expect(sandbox.requests.slice(before)).toEqual([]);
	}, 30_000);

	test('build statuses created through the API: marks without colour, failing count, details, r', async () => {
		const post = (hash: string, body: Record<string, string>) =>
			fetch(`${sandbox.apiUrl}/repositories/acme/widget/commit/${hash}/statuses/build`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${sandbox.tokens.repoRead}`,
					'content-type': 'application/json',
				},
				body: JSON.stringify(body),
			}).then((response) => expect(response.status).toBe(201));
		await post(hashes[0]!, {
			key: 'ci',
			state: 'FAILED',
			name: 'CI #7',
			description: 'lint failed',
			url: 'https://ci.example/7',
		});
		await post(hashes[1]!, {key: 'ci', state: 'SUCCESSFUL', name: 'CI #6'});
		await post(hashes[2]!, {key: 'ci', state: 'INPROGRESS', name: 'CI #5'});
		await post(hashes[3]!, {key: 'ci', state: 'STOPPED', name: 'CI #4'});
		const before = sandbox.requests.length;
		const session = await run('statuses', {
			BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead,
			NO_COLOR: '1',
		});
		const marks = ['✗', '✓', '…', '■', '·'];
		const list = await see(
			session,
			new RegExp(marks.map((mark, index) => `${short(hashes[index]!)} ${mark} `).join('[\\s\\S]*')),
		);
		expect(list).toContain(`› ${short(hashes[0]!)} ✗`);
		// The footer: a capture can fall between two lines of one redraw.
		expect(await see(session, /✗ 1 failing$/m)).toMatch(/^1\/\d+ · /m);
		await session.press('Enter');
		const detail = await see(session, 'Builds:');
		expect(detail).toMatch(/✗ FAILED +CI #7 \(ci\) {2}lint failed/);
		expect(detail).toContain('https://ci.example/7');
		await session.press('Escape');
		await see(session, settledFooter);
		await post(hashes[0]!, {key: 'ci', state: 'SUCCESSFUL', name: 'CI #8'});
		await session.press('r');
		const refreshed = await see(
			session,
			new RegExp(`${short(hashes[0]!)} ✓ [\\s\\S]*${short(hashes[3]!)} ■ `),
		);
		expect(refreshed).not.toContain('failing');
		await session.press('q');
		expect(await finish(session)).toBe(0);
		// Opening costs the first screen's statuses and ten more; r asks for them again.
		const statusRequests = sandbox.requests
			.slice(before)
			.filter((request) => request.url.includes('/statuses')).length;
		expect(statusRequests).toBeLessThanOrEqual(2 * (27 + 10));
		expect(statusRequests).toBeGreaterThanOrEqual(27);
	}, 30_000);

	test('no token in any terminal output, scrollback included', () => {
		expect(captured).toHaveLength(19);
		for (const text of captured) {
			for (const token of Object.values(sandbox.tokens)) {
				expect(text).not.toContain(token);
			}
		}
	});
});
