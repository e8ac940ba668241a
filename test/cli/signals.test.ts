/**
 * Every ending signal (SIGINT, SIGTERM, SIGHUP) sent to the built CLI in headless runs: what
 * the run created is removed, the exit code is 128+N, and stderr says why in one line.
 */
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {runCli} from './run-cli.js';

const exec = promisify(execFile);
const signals = [
	['SIGINT', 130],
	['SIGTERM', 143],
	['SIGHUP', 129],
] as const;

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-signals-'));
});

afterEach(() => {
	sandbox.setFaults({});
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), root && rm(root, {recursive: true, force: true})]);
});

function environment(cwd: string): NodeJS.ProcessEnv {
	return {
		HOME: cwd,
		BBTOK_API_URL: sandbox.apiUrl,
		BBTOK_GIT_URL: sandbox.gitUrl,
		BBTOK_CONFIG_DIR: path.join(cwd, '.bbtok-config'),
	};
}

/** What the run left in `dir`, apart from its settings folder and Node's compile cache. */
async function leftovers(dir: string) {
	return (await readdir(dir)).filter(
		(name) => name !== '.bbtok-config' && name !== 'node-compile-cache' && name !== '.tmp',
	);
}

/** The status a shell sees: a process killed before its handlers were installed is 128+N too. */
const shellStatus = (result: {code: number | null; signal: NodeJS.Signals | null}) =>
	result.code ?? 128 + os.constants.signals[result.signal!];

const bbtokLines = (stderr: string) =>
	stderr.split('\n').filter((line) => line.startsWith('bbtok-tui:'));

describe.each(signals)('%s', (signal, code) => {
	it(`ends a headless clone mid-transfer with ${code}, one line, and no directory`, async () => {
		sandbox.setFaults({latencyMs: 300});
		const cwd = await mkdtemp(path.join(root, 'clone-'));
		const run = runCli(['acme/widget', '--token-stdin', '--bot-email', 'ci-bot', '--dir', 'a/b'], {
			cwd,
			stdin: `${sandbox.tokens.repoWrite}\n`,
			env: environment(cwd),
		});
		await run.stderrLine(/^Connecting…$/m);
		run.kill(signal);
		const result = await run.done;
		expect(result.code).toBe(code);
		expect(bbtokLines(result.stderr)).toEqual([
			'bbtok-tui: Cloning acme/widget was interrupted; nothing was left behind.',
		]);
		expect(await leftovers(cwd)).toEqual([]);
	});

	it(`ends demo with ${code} and removes its sandbox folder`, async () => {
		const cwd = await mkdtemp(path.join(root, 'demo-'));
		const tmp = path.join(cwd, '.tmp');
		await mkdir(tmp);
		const run = runCli(['demo', '--dir', 'demo-clone'], {
			cwd,
			env: {HOME: cwd, TMPDIR: tmp, BBTOK_CONFIG_DIR: path.join(cwd, '.bbtok-config')},
		});
		await run.stderrLine(/^Checking the token/m);
		expect((await readdir(tmp)).some((name) => name.startsWith('bbtok-sandbox-'))).toBe(true);
		run.kill(signal);
		const result = await run.done;
		expect(result.code).toBe(code);
		expect(await leftovers(tmp)).toEqual([]);
		expect(await leftovers(cwd)).toEqual([]);
	});

	it(`leaves a config either old or new, byte for byte, whenever ${signal} lands in fix-remote`, async () => {
		const base = await mkdtemp(path.join(root, 'fix-'));
		const prepare = async (name: string) => {
			const dir = path.join(base, name);
			await exec('git', ['clone', '-q', sandbox.gitDirOf('acme', 'widget'), dir]);
			await exec('git', ['remote', 'set-url', 'origin', 'https://bitbucket.org/acme/widget.git'], {
				cwd: dir,
			});
			return {dir, config: path.join(dir, '.git', 'config')};
		};

		const fix = (dir: string) =>
			runCli(['fix-remote', dir, '--no-input', '--token-stdin', '--bot-email', 'ci-bot'], {
				cwd: base,
				stdin: `${sandbox.tokens.repoRead}\n`,
				env: environment(base),
			});
		const reference = await prepare('reference');
		const before = await readFile(reference.config, 'utf8');
		expect((await fix(reference.dir).done).code).toBe(0);
		const after = await readFile(reference.config, 'utf8');
		expect(after).not.toBe(before);

		// The signal lands ever later: before the token is read, during verification, around the write.
		const outcomes = new Set<number | null>();
		for (let delayMs = 0; !outcomes.has(0) && delayMs < 20_000; delayMs += 40) {
			const target = await prepare(`run-${delayMs}`);
			const run = fix(target.dir);
			await new Promise((resolve) => {
				setTimeout(resolve, delayMs);
			});
			run.kill(signal);
			const result = await run.done;
			outcomes.add(shellStatus(result));
			expect([0, code]).toContain(shellStatus(result));
			expect([before, after]).toContain(await readFile(target.config, 'utf8'));
			expect(await readdir(path.join(target.dir, '.git'))).not.toContain('config.lock');
		}

		expect(outcomes).toEqual(new Set([code, 0]));
	}, 120_000);
});

describe('a second signal during cleanup', () => {
	it('changes neither the cleanup nor the exit code of the first', async () => {
		sandbox.setFaults({latencyMs: 300});
		const cwd = await mkdtemp(path.join(root, 'twice-'));
		const run = runCli(['acme/widget', '--token-stdin', '--bot-email', 'ci-bot'], {
			cwd,
			stdin: `${sandbox.tokens.repoWrite}\n`,
			env: environment(cwd),
		});
		await run.stderrLine(/^Connecting…$/m);
		run.kill('SIGTERM');
		// Apart: signals pending together are delivered lowest number first (SIGHUP before SIGTERM).
		await new Promise((resolve) => {
			setTimeout(resolve, 20);
		});
		run.kill('SIGINT');
		run.kill('SIGHUP');
		const result = await run.done;
		expect(result.code).toBe(143);
		expect(await leftovers(cwd)).toEqual([]);
	});
});
