/**
 * Inflates the entries of a pack one after another through one zlib engine, reset between
 * entries, into one reused output buffer. zlib.inflateSync builds a
 * new Inflate stream (a Transform, its native state, an output buffer) for every call and
 * closes it after: on a pack of 50,000 small entries that cost about as much CPU as the
 * inflating, and the per-entry allocations stayed in the indexing thread's malloc arena.
 *
 * It drives the engine's native handle as Node's own zlib.inflateSync does
 * (`handle.writeSync` with the engine's `_writeState`, unchanged from Node 10 to 24): the
 * public API has no way to reuse an engine for a synchronous inflate.
 */
import {constants, Inflate} from 'node:zlib';
import {PackError} from './pack-format.js';

type Handle = {
	writeSync(
		flush: number,
		input: Uint8Array,
		inputOffset: number,
		inputLength: number,
		output: Uint8Array,
		outputOffset: number,
		outputLength: number,
	): void;
	reset(): void;
	onerror: (message: string, errno: number) => void;
};

export type Engine = Inflate & {_handle: Handle; _writeState: Uint32Array};

/** A zlib engine whose errors are reported to `onError`, synchronously from writeSync. */
export function openEngine(onError: (message: string, errno: number) => void): Engine {
	const engine = new Inflate() as Engine;
	// The stream's own handler would destroy it.
	engine._handle.onerror = onError;
	return engine;
}

/**
 * The output buffer grows to the largest entry and is kept: the indexing worker lives for
 * one pack, and all it holds goes with it. A buffer of its own for each large entry (a
 * 16 MB blob) instead raised glibc's mmap threshold, and the worker's malloc arena stayed
 * at 60 MB after it ended.
 */
const doubleUpTo = 1024 * 1024;

/** Compressed bytes read at a time by inflateTo (and inflateInChunks through it). */
const chunkBytes = 64 * 1024;

/** Inflated bytes handed over at a time by inflateTo. */
const outputBytes = 128 * 1024;

export class Inflater {
	private engine: Engine | undefined;
	private failure: {message: string; errno: number} | undefined;
	private reused = Buffer.allocUnsafeSlow(64 * 1024);
	private chunk: Buffer | undefined;
	private output: Buffer | undefined;

	/**
	 * Inflates one zlib stream at the start of `compressed` (bytes after it are ignored),
	 * checks it holds `size` bytes, and returns it with the count of compressed bytes it
	 * took. `data` is a view into a buffer the next call overwrites: use it before then.
	 */
	inflate(compressed: Uint8Array, size: number): {data: Buffer; consumed: number} {
		const engine = this.engine ?? this.open();
		// One byte of room beyond `size`: a stream longer than its header says fills it.
		const room = size + 1;
		if (room > this.reused.length) {
			this.reused = Buffer.allocUnsafeSlow(room < doubleUpTo ? room * 2 : room);
		}

		const output = this.reused;
		this.failure = undefined;
		engine._handle.writeSync(constants.Z_FINISH, compressed, 0, compressed.length, output, 0, room);
		this.throwIfFailed();
		const [outputLeft, inputLeft] = engine._writeState;
		engine._handle.reset();
		checkSize(room - outputLeft!, size);
		return {data: output.subarray(0, size), consumed: compressed.length - inputLeft!};
	}

	/**
	 * Inflates a zlib stream of `length` compressed bytes into a buffer of its own, checking
	 * it holds `size` bytes. `read(chunk, at)` fills `chunk` with the stream's bytes from
	 * `at` and returns how many it read: the compressed bytes are never held whole, so a
	 * large object costs its own size only.
	 */
	inflateInChunks(
		length: number,
		size: number,
		read: (chunk: Buffer, at: number) => number,
	): Buffer {
		const output = Buffer.allocUnsafe(size);
		let produced = 0;
		// inflateTo checks each piece fits within `size` before handing it over.
		this.inflateTo(length, size, read, (piece) => {
			produced += piece.copy(output, produced);
		});
		return output;
	}

	/**
	 * Inflates a zlib stream of `length` compressed bytes, read as inflateInChunks reads them,
	 * handing its output to `write` piece by piece (a view into a buffer the next piece
	 * overwrites), and checks it holds `size` bytes. Neither the compressed bytes nor the
	 * object are ever held whole, and no piece is a new buffer: a checkout writes a large blob
	 * straight to its file, synchronously.
	 */
	inflateTo(
		length: number,
		size: number,
		read: (chunk: Buffer, at: number) => number,
		write: (piece: Buffer) => void,
	): void {
		const engine = this.engine ?? this.open();
		this.chunk ??= Buffer.allocUnsafeSlow(chunkBytes);
		this.output ??= Buffer.allocUnsafeSlow(outputBytes);
		const {chunk, output} = this;
		let produced = 0;
		let ended = false;
		for (let at = 0; at < length && !ended; ) {
			const count = read(chunk.subarray(0, Math.min(chunkBytes, length - at)), at);
			at += count;
			const flush = at === length ? constants.Z_FINISH : constants.Z_NO_FLUSH;
			// Until zlib leaves room in the output: then it has taken all the input it can.
			for (let taken = 0; ; ) {
				this.failure = undefined;
				engine._handle.writeSync(flush, chunk, taken, count - taken, output, 0, outputBytes);
				this.throwIfFailed();
				const [outputLeft, inputLeft] = engine._writeState;
				const bytes = outputBytes - outputLeft!;
				produced += bytes;
				if (produced > size) checkSize(produced, size);
				if (bytes > 0) write(output.subarray(0, bytes));
				taken = count - inputLeft!;
				if (outputLeft! > 0) {
					// Input left over: the stream ended.
					ended = inputLeft! > 0;
					break;
				}
			}
		}

		engine._handle.reset();
		checkSize(produced, size);
	}

	/**
	 * The first bytes (up to `size`) that the zlib stream at the start of `compressed`
	 * inflates to, or fewer when `compressed` ends first; none when it does not inflate (read
	 * whole, it reports how). A view into a buffer the next call overwrites.
	 */
	inflatePrefix(compressed: Uint8Array, size: number): Buffer {
		const engine = this.engine ?? this.open();
		if (size > this.reused.length) this.reused = Buffer.allocUnsafeSlow(size);
		this.failure = undefined;
		const flush = constants.Z_SYNC_FLUSH;
		engine._handle.writeSync(flush, compressed, 0, compressed.length, this.reused, 0, size);
		if (this.failure) {
			this.close();
			return this.reused.subarray(0, 0);
		}

		const [outputLeft] = engine._writeState;
		engine._handle.reset();
		return this.reused.subarray(0, size - outputLeft!);
	}

	close(): void {
		this.engine?.close();
		this.engine = undefined;
	}

	private throwIfFailed(): void {
		const failure = this.failure as {message: string; errno: number} | undefined;
		if (!failure) return;
		this.close();
		throw new PackError(
			`A pack entry does not inflate: ${failure.message}.`,
			failure.errno === constants.Z_BUF_ERROR,
		);
	}

	private open(): Engine {
		this.engine = openEngine((message, errno) => {
			this.failure = {message, errno};
		});
		return this.engine;
	}
}

function checkSize(produced: number, size: number): void {
	if (produced !== size) {
		throw new PackError(
			`A pack entry inflates to ${produced > size ? 'more than' : 'only'} ${Math.min(produced, size)} bytes, but its header says ${size}.`,
		);
	}
}
