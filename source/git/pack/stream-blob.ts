/**
 * Checkout of a large blob. One stored whole in its pack is read by offset in small chunks
 * and inflated straight into the work-tree file, with backpressure from the file to zlib
 * to the reads, so memory holds a few chunks, never the blob. One stored as a delta needs
 * its base whole (the delta copies from anywhere in it), and writes its result to the file
 * piece by piece as the delta produces it: such blobs are checked out one at a time, so
 * checkout holds one large base at most.
 */
import {readSync, writeSync} from 'node:fs';
import {type FileHandle, mkdir, open, unlink} from 'node:fs/promises';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {createInflate} from 'node:zlib';
import {chunkedOutput, streamDelta} from './delta.js';
import {collectLargeGarbage, countStreamed} from './large-garbage.js';
import {entryKind, PackError} from './pack-format.js';
import type {PackReader} from './pack-reader.js';

/**
 * Blobs from this size stream. Below it, reading whole is cheaper (one inflate call, one
 * write) and three files at a time hold at most a few MB; source files are smaller, so
 * streaming costs only the few large files their per-file setup (a file handle, a zlib
 * stream). The same size counts as large for large-garbage.ts.
 */
export const streamedBlobBytes = 1024 * 1024;

/**
 * Read and inflate in chunks of this size: under glibc's initial mmap threshold (128 kB),
 * so they come from the heap and are reused, not mapped and unmapped per chunk.
 */
const chunkBytes = 64 * 1024;

export type BlobFile = {
	filepath: string;
	/** The file's mode when created: 0o777 for an executable, as isomorphic-git writes it. */
	mode: number;
	/** The file exists and is replaced (its mode changes), not overwritten. */
	replace: boolean;
};

/** Runs `write` when no other large delta is being checked out, and waits for it. */
export type Exclusive = (write: () => Promise<void>) => Promise<void>;

/** Large deltas being checked out on this thread: each waits for the one before it. */
let largeDeltas: Promise<unknown> = Promise.resolve();

const oneAtATime: Exclusive = (write) => {
	const turn = largeDeltas.then(write);
	largeDeltas = turn.catch(() => undefined);
	return turn;
};

/**
 * Writes the blob at `offset` into `file` when it is large; false, having written nothing,
 * for a small one. On a failure, no part of the file is left. Checkouts on several
 * threads pass an `exclusive` shared between them (work-tree.ts).
 */
export async function checkoutBlob(
	reader: PackReader,
	offset: number,
	file: BlobFile,
	exclusive: Exclusive = oneAtATime,
): Promise<boolean> {
	const entry = reader.entry(offset);
	if (entry.kind === entryKind.ofsDelta || entry.kind === entryKind.refDelta) {
		if (reader.deltaResultSize(entry) < streamedBlobBytes) return false;
		await exclusive(() =>
			writeSafely(file, async (handle) => {
				const {delta, base} = await reader.readDelta(offset);
				// Synchronous writes: the delta runs in one go, handing over pieces of its result.
				const chunks = chunkedOutput((chunk) => writeFullySync(handle.fd, chunk));
				streamDelta(delta, base.data, chunks.output);
				chunks.flush();
			}).finally(collectLargeGarbage),
		);
		return true;
	}

	if (entry.kind !== entryKind.blob || entry.size < streamedBlobBytes) {
		return false;
	}

	await writeSafely(file, (handle) =>
		pipeline(
			compressedChunks(reader.fd, entry.start, entry.end),
			createInflate({chunkSize: chunkBytes}),
			writeInflated(handle, entry.size),
		),
	);
	return true;
}

/** Creates `file`, runs `write` on it, and removes it if anything fails. */
async function writeSafely(
	file: BlobFile,
	write: (handle: FileHandle) => Promise<void>,
): Promise<void> {
	if (file.replace) await unlink(file.filepath).catch(unlessMissing);
	const handle = await openForWriting(file);
	let failure: unknown;
	try {
		await write(handle);
	} catch (error) {
		failure = error;
	}

	await handle.close().catch((error: unknown) => {
		failure ??= error;
	});
	if (failure !== undefined) {
		await unlink(file.filepath).catch(unlessMissing);
		throw asPackError(failure);
	}
}

async function writeFully(handle: FileHandle, data: Buffer): Promise<void> {
	for (let done = 0; done < data.length; ) {
		done += (await handle.write(data, done, data.length - done)).bytesWritten;
	}
}

/** Writes all of `data` at the file's position (a write may take part of it). */
export function writeFullySync(fd: number, data: Uint8Array): void {
	for (let done = 0; done < data.length; ) {
		done += writeSync(fd, data, done, data.length - done);
	}
}

function* compressedChunks(fd: number, start: number, end: number): Generator<Buffer> {
	for (let at = start; at < end; ) {
		// A fresh chunk each time: zlib may still hold the previous one when the next is read.
		const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, end - at));
		const read = readSync(fd, chunk, 0, chunk.length, at);
		if (read === 0) throw new PackError('The pack file is shorter than its index says.');
		at += read;
		countStreamed(read);
		yield chunk.subarray(0, read);
	}
}

/** Writes the inflated chunks in order, checking they add up to the header's size. */
function writeInflated(handle: FileHandle, size: number) {
	return async (inflated: AsyncIterable<Buffer>): Promise<void> => {
		let written = 0;
		for await (const chunk of inflated) {
			written += chunk.length;
			if (written > size) {
				throw new PackError(`A pack entry inflates to more bytes than its header says (${size}).`);
			}

			await writeFully(handle, chunk);
			countStreamed(chunk.length);
		}

		if (written !== size) {
			throw new PackError(
				`A pack entry inflates to ${written} bytes, but its header says ${size}.`,
			);
		}
	};
}

/** Creates or truncates the file; its folder is made first if missing, as isomorphic-git does. */
async function openForWriting({filepath, mode}: BlobFile): Promise<FileHandle> {
	try {
		return await open(filepath, 'w', mode);
	} catch (error) {
		if ((error as {code?: unknown}).code !== 'ENOENT') throw error;
		await mkdir(path.dirname(filepath), {recursive: true});
		return open(filepath, 'w', mode);
	}
}

/** zlib's errors as the whole-object path reports them (inflater.ts). */
function asPackError(error: unknown): unknown {
	const code = (error as {code?: unknown}).code;
	if (typeof code !== 'string' || !code.startsWith('Z_')) return error;
	return new PackError(
		`A pack entry does not inflate: ${(error as Error).message}.`,
		code === 'Z_BUF_ERROR',
	);
}

function unlessMissing(error: unknown): void {
	if ((error as {code?: unknown}).code !== 'ENOENT') throw error;
}
