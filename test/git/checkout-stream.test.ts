/**
 * Checkout of a large blob stored whole in the pack streams it from the pack into its file
 * (source/git/pack/stream-blob.ts): memory does not grow with the blob, and a damaged or
 * cut entry fails the checkout as the whole-object path does, leaving no part of the file.
 */
import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import {copyFile, mkdtemp, open, readdir, rm, stat, truncate} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {closePackReaders} from '../../source/git/pack/index.js';
import {checkoutSafely} from '../../source/git/safe-paths.js';
import {git, packEntries} from '../helpers/large-blob-repo.js';

let scratch: string;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-checkout-stream-'));
});

afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

/**
 * A clone without checkout (its objects in one pack) of a commit holding `files`: each of
 * random bytes, written a MB at a time (no garbage of the blob's size left in this process),
 * or a copy of an earlier one with a few bytes changed (git stores it as a delta).
 */
async function cloneWithoutCheckout(
	name: string,
	files: Record<string, number | {copyOf: string}>,
): Promise<string> {
	const work = path.join(scratch, `${name}-work`);
	git(['init', '-q', '--initial-branch=main', work]);
	for (const [file, content] of Object.entries(files)) {
		if (typeof content === 'object') {
			await copyFile(path.join(work, content.copyOf), path.join(work, file));
			const handle = await open(path.join(work, file), 'r+');
			await handle.write(randomBytes(64), 0, 64, 4096);
			await handle.close();
			continue;
		}

		const handle = await open(path.join(work, file), 'w');
		for (let done = 0; done < content; done += 1 << 20) {
			await handle.write(randomBytes(Math.min(1 << 20, content - done)));
		}

		await handle.close();
	}

	git(['add', '-A'], work);
	git(['commit', '-q', '-m', 'Large file'], work);
	const dir = path.join(scratch, name);
	git(['clone', '-q', '--no-checkout', '--no-local', work, dir]);
	await rm(work, {recursive: true, force: true});
	return dir;
}

async function checkout(dir: string, onProgress = () => {}): Promise<void> {
	const cache = {};
	try {
		await checkoutSafely(dir, 'acme/large', onProgress, undefined, cache);
	} finally {
		closePackReaders(cache);
	}
}

async function packOf(dir: string): Promise<string> {
	const packDir = path.join(dir, '.git', 'objects', 'pack');
	const [name] = (await readdir(packDir)).filter((file) => file.endsWith('.pack'));
	return path.join(packDir, name!);
}

/** Peak growth of memory while `dir` is checked out. */
async function checkoutPeak(dir: string): Promise<{arrayBuffers: number; rss: number}> {
	const before = process.memoryUsage();
	let arrayBuffers = before.arrayBuffers;
	let rss = before.rss;
	const sample = () => {
		const now = process.memoryUsage();
		arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers);
		rss = Math.max(rss, now.rss);
	};
	const sampler = setInterval(sample, 2);
	try {
		await checkout(dir, sample);
	} finally {
		clearInterval(sampler);
	}

	sample();
	return {arrayBuffers: arrayBuffers - before.arrayBuffers, rss: rss - before.rss};
}

test('a 64 MB blob is checked out without holding it in memory', async () => {
	const blobBytes = 64 * 1024 * 1024;
	const dir = await cloneWithoutCheckout('memory', {'noise.bin': blobBytes, 'small.bin': 1000});
	const peak = await checkoutPeak(dir);
	expect((await stat(path.join(dir, 'noise.bin'))).size).toBe(blobBytes);
	expect(git(['status', '--porcelain'], dir)).toBe('');
	// The whole-object path held the blob twice (compressed and inflated): 128 MB or more.
	expect(peak.arrayBuffers).toBeLessThan(12 * 1024 * 1024);
	expect(peak.rss).toBeLessThan(32 * 1024 * 1024);
}, 120_000);

test('large blobs stored as deltas are checked out one at a time', async () => {
	const blobBytes = 16 * 1024 * 1024;
	const dir = await cloneWithoutCheckout('deltas', {
		'a.bin': blobBytes,
		'b.bin': {copyOf: 'a.bin'},
		'c.bin': {copyOf: 'a.bin'},
		'd.bin': {copyOf: 'a.bin'},
	});
	const pack = await packOf(dir);
	const deltas = packEntries(pack.replace(/\.pack$/, '.idx')).filter((entry) => entry.depth > 0);
	expect(deltas.length).toBeGreaterThanOrEqual(3);
	const peak = await checkoutPeak(dir);
	expect(git(['status', '--porcelain'], dir)).toBe('');
	// Each needs its base, its result and the base's compressed bytes: three at a time held
	// ~84 MB of buffers, one at a time 16–32 MB (its garbage collected before the next).
	expect(peak.arrayBuffers).toBeLessThan(4 * blobBytes);
}, 120_000);

describe('a large entry of the pack that is', () => {
	const blobBytes = 4 * 1024 * 1024;

	test.each([
		[
			'damaged',
			async (pack: string, offset: number) => {
				// A stored (incompressible) block: only the stream's checksum at its end sees the flip.
				const handle = await open(pack, 'r+');
				const at = offset + blobBytes / 2;
				const byte = Buffer.alloc(1);
				await handle.read(byte, 0, 1, at);
				byte[0]! ^= 0xff;
				await handle.write(byte, 0, 1, at);
				await handle.close();
			},
			/^A pack entry does not inflate: incorrect data check\.$/,
		],
		[
			'cut short',
			(pack: string, offset: number) => truncate(pack, offset + blobBytes / 2),
			/^A pack entry does not inflate: unexpected end of file\.$|^The pack file is shorter than its index says\.$/,
		],
	])(
		'%s fails the checkout as a garbled pack, leaving no part of the file',
		async (name, damage, message) => {
			const dir = await cloneWithoutCheckout(`damaged-${name.replace(' ', '-')}`, {
				'noise.bin': blobBytes,
			});
			const pack = await packOf(dir);
			const oid = git(['rev-parse', 'HEAD:noise.bin'], dir).trim();
			const entry = packEntries(pack.replace(/\.pack$/, '.idx')).find((each) => each.oid === oid)!;
			expect(entry.depth).toBe(0);
			await damage(pack, entry.offset);
			const failure = await checkout(dir).then(
				() => new Error('expected a failure'),
				(error: {errors?: Error[]}) => error.errors?.[0] ?? error,
			);
			expect(failure).toMatchObject({code: 'ParseError', message: expect.stringMatching(message)});
			expect(existsSync(path.join(dir, 'noise.bin'))).toBe(false);
		},
	);
});
