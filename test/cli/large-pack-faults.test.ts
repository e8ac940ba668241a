/**
 * The built CLI when a pack's large objects (inflated as they arrive, large-entry.ts) are cut
 * or damaged in flight: the clone's one-line garbled error, exit 5, nothing left.
 */
import {randomBytes} from 'node:crypto';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {bareRepositoryWith} from '../helpers/large-blob-repo.js';
import {runHeadlessClone} from './run-cli.js';

let sandbox: Sandbox;
let root: string;
const fileBytes = 8 * 1024 * 1024;

beforeAll(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-large-pack-'));
	// Tree order puts the log first: its compressed bytes start a few hundred bytes into the pack.
	const line = 'a build step wrote 0123456789 bytes\n';
	const gitDir = await bareRepositoryWith(root, {
		'build.log': line.repeat(fileBytes / line.length),
		'noise.bin': randomBytes(fileBytes),
	});
	sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [{workspace: 'acme', slug: 'large', gitDir}],
	});
});

afterEach(() => {
	sandbox.setFaults({});
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), root && rm(root, {recursive: true, force: true})]);
});

async function clone() {
	const cwd = await mkdtemp(path.join(root, 'run-'));
	const result = await runHeadlessClone(sandbox, cwd, ['acme/large']).done;
	const failure = result.stderr.split('\n').filter((text) => text.startsWith('bbtok-tui: '));
	return {code: result.code, failure, left: (await readdir(cwd)).filter((name) => name !== '.cfg')};
}

it('exits 5 when a byte of a large object is flipped in flight, leaving nothing', async () => {
	sandbox.setFaults({corruptPackAt: 20_000});
	expect(await clone()).toEqual({
		code: 5,
		failure: ["bbtok-tui: The git server's response for acme/large ended early or was garbled."],
		left: [],
	});
});

it('exits 5 when the pack is cut inside a large object, leaving nothing', async () => {
	sandbox.setFaults({cutPackAfterBytes: fileBytes / 2});
	const result = await clone();
	expect(result.code).toBe(5);
	expect(result.failure).toHaveLength(1);
	expect(result.failure[0]).toMatch(/^bbtok-tui: .*(broke|cut|ended early)/);
	expect(result.left).toEqual([]);
});

it('clones the same repository whole without a fault', async () => {
	expect(await clone()).toEqual({code: 0, failure: [], left: ['large']});
});
