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

export class Inflater {
	private engine: Engine | undefined;
	private failure: {message: string; errno: number} | undefined;
	private reused = Buffer.allocUnsafeSlow(64 * 1024);

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
		const failure = this.failure as {message: string; errno: number} | undefined;
		if (failure) {
			this.close();
			throw new PackError(
				`A pack entry does not inflate: ${failure.message}.`,
				failure.errno === constants.Z_BUF_ERROR,
			);
		}

		const [outputLeft, inputLeft] = engine._writeState;
		engine._handle.reset();
		const produced = room - outputLeft!;
		if (produced !== size) {
			throw new PackError(
				`A pack entry inflates to ${produced > size ? 'more than' : 'only'} ${Math.min(produced, size)} bytes, but its header says ${size}.`,
			);
		}

		return {data: output.subarray(0, size), consumed: compressed.length - inputLeft!};
	}

	close(): void {
		this.engine?.close();
		this.engine = undefined;
	}

	private open(): Engine {
		this.engine = openEngine((message, errno) => {
			this.failure = {message, errno};
		});
		return this.engine;
	}
}
