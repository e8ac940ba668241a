/**
 * Positional reads of a pack file through one file descriptor, with a small read-ahead
 * window: neighbouring small entries cost one read, a large entry is read in chunks, and
 * the pack is never read into memory as a whole.
 */
import {readSync} from 'node:fs';
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

	/**
	 * The object in the entry data at [start, end), which inflates to `size` bytes, in a buffer
	 * of its own.
	 */
	inflate(start: number, end: number, size: number): Buffer {
		reused ??= new Inflater();
		if (size < reusedBelow) {
			return Buffer.from(reused.inflate(this.bytes(start, end - start), size).data);
		}

		return reused.inflateInChunks(end - start, size, (chunk, at) => {
			this.readFully(chunk, chunk.length, start + at);
			return chunk.length;
		});
	}

	/**
	 * The object in the entry data at [start, end), which inflates to `size` bytes, handed to
	 * `write` piece by piece (see Inflater.inflateTo).
	 */
	inflateTo(start: number, end: number, size: number, write: (piece: Buffer) => void): void {
		reused ??= new Inflater();
		reused.inflateTo(
			end - start,
			size,
			(chunk, at) => {
				this.readFully(chunk, chunk.length, start + at);
				return chunk.length;
			},
			write,
		);
	}

	/** The first bytes (up to `size`) of the object in the entry data at [start, end); see Inflater.inflatePrefix. */
	inflatePrefix(start: number, end: number, size: number): Buffer {
		reused ??= new Inflater();
		// Enough for any deflate block's header (its code tables) and `size` bytes after it.
		return reused.inflatePrefix(this.bytes(start, Math.min(end - start, 4096)), size);
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
 * Every entry inflates through one reused zlib engine (inflater.ts): zlib.inflateSync builds
 * and closes a zlib stream per call, which cost about as much as the inflating for the small
 * trees and blobs that a clone's safety walk, checkout and delta resolution read by the
 * thousand. Entries smaller than this are copied out of the engine's reused buffer; larger
 * ones are read in chunks into a buffer of their own, so the reused one stays small and
 * their compressed bytes are never held whole (a 16 MB blob cost 32 MB read whole).
 */
const reusedBelow = 1024 * 1024;
let reused: Inflater | undefined;
