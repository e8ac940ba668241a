/**
 * Ending signals in a real terminal (tmux): SIGTERM and SIGHUP sent to the built CLI while a
 * screen is up, and a terminal that closes under it (tmux ends, the program gets SIGHUP). Each
 * run removes what it created and ends with 128+N.
 */
import {execFile} from 'node:child_process';
import {access, mkdir, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {cliPath, ensureBuiltCli, sandboxEnv} from './cli.js';
import {startTmux, type TmuxSession} from './tmux.js';

const exec = promisify(execFile);

let sandbox: Sandbox;
let root: string;
const sessions: TmuxSession[] = [];

beforeAll(async () => {
	await ensureBuiltCli();
	sandbox = await startSandbox({env: process.env});
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-e2e-signals-'));
}, 120_000);

afterAll(async () => {
	await Promise.all(sessions.map((session) => session.kill()));
	await Promise.all([sandbox?.close(), rm(root, {recursive: true, force: true})]);
});

async function run(name: string, args: readonly string[], env: Record<string, string> = {}) {
	const cwd = path.join(root, name);
	const tmp = path.join(cwd, '.tmp');
	await mkdir(tmp, {recursive: true});
	const session = await startTmux({
		command: [process.execPath, cliPath, ...args],
		cwd,
		socketDir: root,
		env: {
			...sandboxEnv(sandbox, {home: cwd, configDir: path.join(root, `${name}-config`)}),
			TMPDIR: tmp,
			...env,
		},
	});
	sessions.push(session);
	return {session, cwd, tmp};
}

/** Resolves once process `pid` has ended (a zombie counts as ended: it runs no more code). */
async function ended(pid: number, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
		if (stat === undefined || / Z /.test(stat)) {
			return;
		}

		if (Date.now() > deadline) {
			throw new Error(`Process ${pid} is still running`);
		}

		await new Promise((resolve) => {
			setTimeout(resolve, 50);
		});
	}
}

const sandboxFolders = async (tmp: string) =>
	(await readdir(tmp)).filter((name) => name.startsWith('bbtok-sandbox-'));

describe('ending signals in a terminal', () => {
	test('SIGTERM mid-clone in the wizard: 143, one line, no directory', async () => {
		sandbox.setFaults({latencyMs: 250});
		try {
			const {session, cwd} = await run('wizard-term', ['acme/widget', '--yes'], {
				BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoWrite,
			});
			await session.waitFor('5/7 Clone', 20_000);
			await session.signal('SIGTERM');
			expect(await session.exitStatus(20_000)).toBe(143);
			expect(await session.screen()).toContain(
				'bbtok-tui: Ended by SIGTERM; what this run created was removed.',
			);
			await expect(access(path.join(cwd, 'widget'))).rejects.toThrow();
		} finally {
			sandbox.setFaults({});
		}
	}, 60_000);

	test('the terminal closes mid-clone in the wizard: no directory', async () => {
		sandbox.setFaults({latencyMs: 250});
		try {
			const {session, cwd} = await run('wizard-hup', ['acme/widget', '--yes'], {
				BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoWrite,
			});
			await session.waitFor('5/7 Clone', 20_000);
			const pid = await session.programPid();
			await session.kill();
			await ended(pid);
			expect(await readdir(cwd)).toEqual(['.tmp']);
		} finally {
			sandbox.setFaults({});
		}
	}, 60_000);

	test('the terminal closes on demo: its sandbox folder is removed', async () => {
		const {session, tmp} = await run('demo-hup', ['demo']);
		await session.waitFor('1/7 Repository', 20_000);
		expect(await sandboxFolders(tmp)).toHaveLength(1);
		const pid = await session.programPid();
		await session.kill();
		await ended(pid);
		expect(await sandboxFolders(tmp)).toEqual([]);
	}, 60_000);

	test('SIGHUP in the commit browser: 129', async () => {
		const {session} = await run('browser-hup', ['commits', 'acme/widget'], {
			BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead,
		});
		await session.waitFor(/\d+\/\d+ · /, 20_000);
		await session.signal('SIGHUP');
		expect(await session.exitStatus()).toBe(129);
	}, 60_000);

	test('SIGTERM at the fix-remote preview: 143, .git/config byte-identical', async () => {
		const dir = path.join(root, 'fix-term', 'widget');
		await exec('git', ['clone', '-q', sandbox.gitDirOf('acme', 'widget'), dir]);
		const configPath = path.join(dir, '.git', 'config');
		await exec('git', ['remote', 'set-url', 'origin', 'https://bitbucket.org/acme/widget.git'], {
			cwd: dir,
		});
		const before = await readFile(configPath);
		const {session} = await run('fix-term', ['fix-remote', 'widget'], {
			BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoWrite,
		});
		await session.waitFor('Bot email', 20_000);
		await session.type('ci-bot');
		await session.waitFor('→ user.email ci-bot@bots.bitbucket.org');
		await session.press('Enter');
		await session.waitFor('Write this change?');
		await session.signal('SIGTERM');
		expect(await session.exitStatus()).toBe(143);
		expect((await readFile(configPath)).equals(before)).toBe(true);
		expect(await readdir(path.join(dir, '.git'))).not.toContain('config.lock');
	}, 60_000);
});
