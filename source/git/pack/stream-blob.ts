/**
 * Checkout of a large blob. One stored whole in its pack is read by offset in small chunks
 * and inflated straight into the work-tree file, synchronously, through reused buffers, so
 * memory holds a chunk of each, never the blob. (Through zlib and file streams, a promise
 * and a fresh buffer per 64 kB made writing 380 MB of such blobs take ~5 s on tmpfs, a
 * sixth of it in the garbage collector; native git took ~1 s.) One stored as a delta needs
 * its base whole (the delta copies from anywhere in it), and writes its result to the file
 * piece by piece as the delta produces it: such blobs are checked out one at a time, so
 * checkout holds one large base at most.
 */
import {writeSync} from 'node:fs';
import {type FileHandle, mkdir, open, unlink} from 'node:fs/promises';
import path from 'node:path';
import {chunkedOutput, streamDelta} from './delta.js';
import {collectLargeGarbage} from './large-garbage.js';
import {entryKind} from './pack-format.js';
import type {PackReader} from './pack-reader.js';

/**
 * Blobs from this size stream. Below it, reading whole is cheaper (one inflate call, one
 * write) and three files at a time hold at most a few MB; source files are smaller, so
 * streaming costs only the few large files their per-file setup (a file handle, a zlib
 * stream). The same size counts as large for large-garbage.ts.
 */
export const streamedBlobBytes = 1024 * 1024;

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

	await writeSafely(file, async (handle) => {
		reader.inflateTo(entry, (piece) => writeFullySync(handle.fd, piece));
	});
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
		throw failure;
	}
}

/** Writes all of `data` at the file's position (a write may take part of it). */
export function writeFullySync(fd: number, data: Uint8Array): void {
	for (let done = 0; done < data.length; ) {
		done += writeSync(fd, data, done, data.length - done);
	}
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

function unlessMissing(error: unknown): void {
	if ((error as {code?: unknown}).code !== 'ENOENT') throw error;
}
