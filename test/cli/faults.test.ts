/**
 * The built CLI when the network misbehaves: a rate limit it waits out, a pack cut mid-way,
 * and Ctrl+C mid-clone. Faults are sandbox-wide, so these runs go one after another.
 */
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {filesContainingAny, runCli, transcript} from './run-cli.js';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-faults-'));
});

afterEach(() => {
	sandbox.setFaults({});
});

afterAll(async () => {
	await Promise.all([
		sandbox?.close(),
		git?.dispose(),
		root && rm(root, {recursive: true, force: true}),
	]);
});

async function start(args: string[] = []) {
	const cwd = await mkdtemp(path.join(root, 'run-'));
	const run = runCli(['acme/widget', '--token-stdin', '--bot-email', 'ci-bot', ...args], {
		cwd,
		stdin: `${sandbox.tokens.repoWrite}\n`,
		env: {
			HOME: cwd,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(cwd, '.bbtok-config'),
		},
	});
	return {run, cwd};
}

const clonesIn = async (cwd: string) =>
	(await readdir(cwd)).filter((entry) => entry !== '.bbtok-config');

describe('network faults', () => {
	it('waits out a 429 with Retry-After and succeeds', async () => {
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 1}});
		const before = sandbox.requests.length;
		const {run, cwd} = await start();
		const result = await run.done;
		const repositoryGets = sandbox.requests
			.slice(before)
			.filter((request) => request.url === '/2.0/repositories/acme/widget');
		expect(repositoryGets).toHaveLength(2);
		expect(result.stderr).toContain('Cloning acme/widget');
		expect(result.code).toBe(0);
		await git(['fsck', '--no-progress'], {cwd: path.join(cwd, 'widget')});
	});

	it('exits 5 when the connection is cut mid-pack, leaving no directory', async () => {
		sandbox.setFaults({cutPackAfterBytes: 20_000});
		const {run, cwd} = await start();
		const result = await run.done;
		expect(result.code).toBe(5);
		expect(result.stderr).toMatch(/^bbtok-tui: .*(broke|cut|ended early)/m);
		expect(await clonesIn(cwd)).toEqual([]);
	});

	it('exits 5 when the pack arrives corrupt (refused by the indexing worker), leaving no directory', async () => {
		sandbox.setFaults({corruptPackAt: 300});
		const {run, cwd} = await start();
		const result = await run.done;
		expect(result.code).toBe(5);
		const failure = result.stderr.split('\n').filter((line) => line.startsWith('bbtok-tui: '));
		expect(failure).toEqual([
			"bbtok-tui: The git server's response for acme/widget ended early or was garbled.",
		]);
		expect(await clonesIn(cwd)).toEqual([]);
	});

	it('exits 130 on SIGINT mid-clone, leaving no directory', async () => {
		sandbox.setFaults({latencyMs: 300});
		const {run, cwd} = await start(['--dir', 'nested/widget']);
		await run.stderrLine(/^Connecting…$/m);
		run.kill('SIGINT');
		const result = await run.done;
		expect(result.code).toBe(130);
		expect(result.stderr).toMatch(
			/^bbtok-tui: Cloning acme\/widget was interrupted; nothing was left behind\.$/m,
		);
		expect(await clonesIn(cwd)).toEqual([]);
	});

	it('never printed or stored the token', async () => {
		for (const text of transcript) {
			expect(text).not.toContain(sandbox.tokens.repoWrite);
		}

		expect(await filesContainingAny(root, [sandbox.tokens.repoWrite])).toEqual([]);
	});
});
