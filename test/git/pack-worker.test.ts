// The pack is indexed in a worker thread (source/git/pack/pack-worker-client.ts): however a
// clone ends, the worker must be gone with it, and nothing the worker wrote may stay behind.
import {existsSync, readdirSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {InterruptedError} from '../../source/core/errors.js';
import {type CloneOptions, cloneRepository} from '../../source/git/clone.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {generateRepository, sizes} from '../bench/generate-repo.js';
import {testDispatcher} from '../helpers/dispatcher.js';

let scratch: string;
let sandbox: Sandbox;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-pack-worker-'));
	const {gitDir} = await generateRepository(sizes.small, scratch);
	sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [{workspace: 'acme', slug: 'history', gitDir}],
	});
}, 120_000);

afterAll(async () => {
	await sandbox?.close();
	await rm(scratch, {recursive: true, force: true});
});

/** Threads of this process (Linux): a worker thread adds one while it runs. */
const threads = () => readdirSync('/proc/self/task').length;

function clone(dir: string, more: Partial<CloneOptions> = {}) {
	return cloneRepository({
		dispatcher: testDispatcher,
		dir,
		gitUrl: sandbox.gitUrl,
		ref: {workspace: 'acme', repo: 'history'},
		token: sandbox.tokens.workspaceRead,
		auth: 'prompt',
		...more,
	});
}

test('a clone interrupted while the worker indexes its pack ends the worker and leaves nothing', async () => {
	// A whole clone first: Node's own thread pool is started, and the worker ended after it.
	await clone(path.join(scratch, 'whole'));
	const before = threads();

	const dir = path.join(scratch, 'interrupted');
	const controller = new AbortController();
	let abortedAt: {phase: string; loaded: number; total?: number} | undefined;
	const failure = await clone(dir, {
		signal: controller.signal,
		onProgress: (progress) => {
			if (progress.phase === 'Indexing objects' && abortedAt === undefined) {
				abortedAt = progress;
				controller.abort();
			}
		},
	}).catch((error: unknown) => error);

	expect(failure).toBeInstanceOf(InterruptedError);
	expect(abortedAt!.loaded).toBeLessThan(abortedAt!.total!);
	expect(existsSync(dir)).toBe(false);
	expect(threads()).toBe(before);
});
