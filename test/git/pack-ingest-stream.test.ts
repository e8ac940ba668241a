// A large whole object in a pack is indexed as its bytes arrive (source/git/pack/large-entry.ts):
// memory while indexing it is a few chunks, not the object, and the .idx is still git's own.
import {spawnSync} from 'node:child_process';
import {createHash, randomBytes} from 'node:crypto';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {deflateSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {indexPack} from '../../source/git/pack/store-pack.js';

const isolatedGit = {...process.env, GIT_CONFIG_GLOBAL: os.devNull, GIT_CONFIG_NOSYSTEM: '1'};

function runGit(args: string[]): Buffer {
	const result = spawnSync('git', args, {env: isolatedGit, maxBuffer: 64 * 1024 * 1024});
	if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.toString()}`);
	return result.stdout;
}

/** A pack entry's header: kind and inflated size, as git writes it. */
function entryHeader(kind: number, size: number): Buffer {
	const bytes = [((size > 15 ? 0x80 : 0) | (kind << 4) | (size & 15)) & 0xff];
	for (let rest = Math.floor(size / 16); rest > 0; rest = Math.floor(rest / 128)) {
		bytes.push((rest > 127 ? 0x80 : 0) | (rest & 127));
	}

	return Buffer.from(bytes);
}

/** A pack of whole objects (kind 3 is a blob), each declaring `declared` bytes or its own size. */
function packOf(objects: {data: Buffer; declared?: number}[]): Buffer {
	const header = Buffer.alloc(12);
	header.write('PACK', 'latin1');
	header.writeUInt32BE(2, 4);
	header.writeUInt32BE(objects.length, 8);
	const parts: Buffer[] = [header];
	for (const {data, declared} of objects) {
		parts.push(entryHeader(3, declared ?? data.length), deflateSync(data, {level: 1}));
	}

	const body = Buffer.concat(parts);
	return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** Views of `pack` in 64 KB pieces; `onPiece` runs between them, after the last one was indexed. */
async function* pieces(pack: Buffer, onPiece: () => void = () => {}): AsyncGenerator<Uint8Array> {
	for (let at = 0; at < pack.length; at += 64 * 1024) {
		onPiece();
		yield pack.subarray(at, at + 64 * 1024);
	}
}

let scratch: string;
const blobBytes = 64 * 1024 * 1024;
let noise: Buffer;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-ingest-stream-'));
	noise = randomBytes(blobBytes);
});

afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

async function gitdir(): Promise<string> {
	const dir = await mkdtemp(path.join(scratch, 'repo-'));
	runGit(['init', '-q', '--bare', dir]);
	return dir;
}

const index = async (pack: AsyncIterable<Uint8Array>, dir: string) =>
	(
		await indexPack(pack, {
			gitdir: dir,
			temporary: path.join(dir, 'objects', 'pack', 'tmp_pack_test'),
		})
	)?.path;

test('a 64 MB incompressible blob is indexed from chunks in a few megabytes, to the .idx git writes', async () => {
	const small = Buffer.from('a small file\n');
	const pack = packOf([{data: small}, {data: noise}, {data: small.subarray(2)}]);
	const dir = await gitdir();
	global.gc?.();
	const start = process.memoryUsage();
	let peak = {rss: start.rss, arrayBuffers: start.arrayBuffers};
	const stored = await index(
		pieces(pack, () => {
			const now = process.memoryUsage();
			peak = {
				rss: Math.max(peak.rss, now.rss),
				arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers),
			};
		}),
		dir,
	);
	const growth = {rss: peak.rss - start.rss, arrayBuffers: peak.arrayBuffers - start.arrayBuffers};
	// Holding the blob's compressed bytes, or the blob, would be over 64 MB of each; indexing's
	// fixed buffers (the 8 MB delta-base ring, the 1 MB parse buffer) are about 10 MB.
	expect(growth.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
	expect(growth.rss).toBeLessThan(32 * 1024 * 1024);

	const packPath = path.join(dir, stored!);
	const nativeIdx = path.join(scratch, 'native.idx');
	runGit(['index-pack', '-o', nativeIdx, packPath]);
	const idx = await readFile(packPath.replace(/\.pack$/, '.idx'));
	expect(idx.equals(await readFile(nativeIdx))).toBe(true);
	runGit(['verify-pack', packPath.replace(/\.pack$/, '.idx')]);
	const blobId = createHash('sha1').update(`blob ${blobBytes}\0`).update(noise).digest('hex');
	expect(runGit(['--git-dir', dir, 'cat-file', '-s', blobId]).toString().trim()).toBe(
		String(blobBytes),
	);
});

test('a large entry ending exactly at a chunk boundary is indexed', async () => {
	const compressible = Buffer.alloc(3 * 1024 * 1024, 'line of a log\n');
	const pack = packOf([{data: compressible}, {data: Buffer.from('after\n')}]);
	const entryEnd = pack.length - 20 - deflateSync(Buffer.from('after\n'), {level: 1}).length - 1;
	async function* split(): AsyncGenerator<Uint8Array> {
		yield pack.subarray(0, entryEnd);
		yield pack.subarray(entryEnd);
	}

	const dir = await gitdir();
	const stored = await index(split(), dir);
	const packPath = path.join(dir, stored!);
	const nativeIdx = path.join(scratch, 'boundary.idx');
	runGit(['index-pack', '-o', nativeIdx, packPath]);
	expect(
		(await readFile(packPath.replace(/\.pack$/, '.idx'))).equals(await readFile(nativeIdx)),
	).toBe(true);
});

describe('a large entry cut or damaged mid-stream', () => {
	const compressible = () => Buffer.alloc(8 * 1024 * 1024, 'asset line 0123456789\n');
	test.each([
		['cut in its data', () => packOf([{data: noise}]).subarray(0, blobBytes / 2), /ended early/],
		[
			'with a byte flipped in its data',
			() => {
				const pack = packOf([{data: compressible()}]);
				pack[Math.floor(pack.length / 2)]! ^= 0x55;
				return pack;
			},
			/does not inflate|corrupt/,
		],
		[
			'inflating to fewer bytes than its header says',
			() => packOf([{data: compressible(), declared: 8 * 1024 * 1024 + 1}]),
			/inflates to only 8388608 bytes, but its header says 8388609/,
		],
		[
			'inflating to more bytes than its header says',
			() => packOf([{data: compressible(), declared: 8 * 1024 * 1024 - 1}]),
			/inflates to more than 8388607 bytes, but its header says 8388607/,
		],
	])('%s is refused as garbled, leaving no file', async (_name, damaged, message) => {
		const dir = await gitdir();
		const refusal = await index(pieces(damaged()), dir).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(Error);
		expect((refusal as Error).message).toMatch(message);
		expect((refusal as {code?: string}).code).toBe('ParseError');
		expect(await readdir(path.join(dir, 'objects', 'pack'))).toEqual([]);
	});
});
