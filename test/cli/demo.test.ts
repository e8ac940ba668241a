/**
 * `bbtok-tui demo` without a terminal: it starts its own sandbox, onboards acme/widget into
 * ./widget with the sandbox's throwaway token, and closes the sandbox on every way out
 * (its temporary files live under the TMPDIR given here, which must end up empty).
 */
import {mkdir, mkdtemp, readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {runCli} from './run-cli.js';

let git: NativeGit;
let root: string;

beforeAll(async () => {
	git = await createNativeGit();
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-demo-'));
});

afterAll(async () => {
	await Promise.all([git?.dispose(), root && rm(root, {recursive: true, force: true})]);
});

async function startDemo(args: string[] = []) {
	const cwd = await mkdtemp(path.join(root, 'run-'));
	const tmp = path.join(cwd, '.tmp');
	await mkdir(tmp);
	const run = runCli(['demo', ...args], {
		cwd,
		env: {HOME: cwd, TMPDIR: tmp, BBTOK_CONFIG_DIR: path.join(cwd, '.bbtok-config')},
	});
	return {run, cwd, tmp};
}

/** What is left in the run's TMPDIR, apart from Node's own compile cache (Node 22+ writes it there). */
async function leftovers(tmp: string) {
	return (await readdir(tmp)).filter((name) => name !== 'node-compile-cache');
}

describe('bbtok-tui demo, headless', () => {
	it('onboards acme/widget from the sandbox into ./widget and closes the sandbox', async () => {
		const {run, cwd, tmp} = await startDemo();
		const result = await run.done;
		expect(result.code).toBe(0);
		const [intro] = result.stderr.split('\n');
		expect(intro).toMatch(
			/^Demo: a local Bitbucket sandbox at 127\.0\.0\.1:\d+ .*acme\/widget\. Its token is ATCTT3xFfGN0\S+; its bot is \S+@bots\.bitbucket\.org\.$/,
		);
		const bot = /its bot is (\S+@bots\.bitbucket\.org)\.$/.exec(intro!)![1]!;

		const dir = path.join(cwd, 'widget');
		expect(result.stdout).toContain(`Cloned acme/widget into ${dir}`);
		await git(['fsck', '--no-progress'], {cwd: dir});
		expect(await git(['config', 'user.email'], {cwd: dir})).toBe(bot);
		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toMatch(
			/^http:\/\/x-token-auth@127\.0\.0\.1:\d+\/acme\/widget\.git$/,
		);
		expect(await leftovers(tmp)).toEqual([]);
		// The demo leaves the user's settings alone.
		expect(await readdir(cwd)).not.toContain('.bbtok-config');
	});

	it('closes the sandbox on SIGINT too, exiting 130 with nothing cloned', async () => {
		const {run, cwd, tmp} = await startDemo(['--dir', 'demo-clone']);
		await run.stderrLine(/^Checking the token/m);
		// The sandbox's files are there while it runs, so their absence afterwards means something.
		expect((await readdir(tmp)).some((name) => name.startsWith('bbtok-sandbox-'))).toBe(true);
		run.kill('SIGINT');
		const result = await run.done;
		expect(result.code).toBe(130);
		expect(await leftovers(tmp)).toEqual([]);
		expect(await readdir(cwd)).not.toContain('demo-clone');
	});
});
