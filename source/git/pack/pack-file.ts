/**
 * Positional reads of a pack file through one file descriptor, with a small read-ahead
 * window: neighbouring small entries cost one read, a large entry gets a buffer of its own,
 * and the pack is never read into memory as a whole.
 */
import {readSync} from 'node:fs';
import {inflateSync} from 'node:zlib';
import {Inflater} from './inflater.js';
import {PackError} from './pack-format.js';

const windowBytes = 64 * 1024;

export class PackFile {
	private readonly window = Buffer.allocUnsafe(windowBytes);
	private windowStart = 0;
	private windowEnd = 0;

	constructor(readonly fd: number) {}

	/**
	 * `length` bytes at `offset`. A view into the window when they fit: use it before the
	 * next call.
	 */
	bytes(offset: number, length: number): Buffer {
		if (offset >= this.windowStart && offset + length <= this.windowEnd) {
			return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
		}

		if (length > windowBytes / 2) {
			const buffer = Buffer.allocUnsafe(length);
			this.readFully(buffer, length, offset);
			return buffer;
		}

		this.windowStart = offset;
		this.windowEnd = offset + readSync(this.fd, this.window, 0, windowBytes, offset);
		if (this.windowEnd < offset + length) {
			throw new PackError('The pack file is shorter than its index says.');
		}

		return this.window.subarray(0, length);
	}

	private readFully(buffer: Buffer, length: number, offset: number): void {
		for (let done = 0; done < length; ) {
			const read = readSync(this.fd, buffer, done, length - done, offset + done);
			if (read === 0) {
				throw new PackError('The pack file is shorter than its index says.');
			}

			done += read;
		}
	}
}

/**
 * Entries smaller than this inflate through one reused zlib engine (inflater.ts) and are
 * copied out: zlib.inflateSync builds and closes a zlib stream per call, which cost about
 * as much as the inflating for the small trees and blobs that a clone's safety walk,
 * checkout and delta resolution read by the thousand. Larger ones get a buffer of their
 * own, so the engine's reused one stays small.
 */
const reusedBelow = 1024 * 1024;
let reused: Inflater | undefined;

/** Output buffer for `size` bytes: one allocation (up to 64 MB), a byte of room to see the stream end. */
function outputChunkSize(size: number): number {
	return Math.min(Math.max(64, size + 1), 1 << 26);
}

/**
 * Inflates one zlib stream at the start of `compressed` (bytes after it are ignored) into a
 * buffer of its own, checking it holds `size` bytes.
 */
export function inflateEntry(compressed: Uint8Array, size: number): {data: Buffer} {
	if (size < reusedBelow) {
		reused ??= new Inflater();
		return {data: Buffer.from(reused.inflate(compressed, size).data)};
	}

	let result: Buffer;
	try {
		result = inflateSync(compressed, {chunkSize: outputChunkSize(size)});
	} catch (error) {
		const incomplete = (error as {code?: string}).code === 'Z_BUF_ERROR';
		throw new PackError(`A pack entry does not inflate: ${(error as Error).message}.`, incomplete);
	}

	if (result.length !== size) {
		throw new PackError(
			`A pack entry inflates to ${result.length} bytes, but its header says ${size}.`,
		);
	}

	return {data: result};
}
