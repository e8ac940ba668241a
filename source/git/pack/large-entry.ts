/**
 * A large whole object in a pack (a blob of megabytes), indexed as its compressed bytes
 * arrive: inflated by a zlib engine that keeps its state between pieces, its output hashed
 * to the object id and dropped chunk by chunk, its bytes checksummed (CRC-32, for the .idx).
 * Memory is one output chunk whatever the object's size: inflating the entry whole held its
 * compressed bytes twice over and the object too (48 MB for a 16 MB file), and glibc kept
 * much of it after.
 */
import {createHash, type Hash} from 'node:crypto';
import {constants, crc32} from 'node:zlib';
import {type Engine, openEngine} from './inflater.js';
import {objectTypes, PackError} from './pack-format.js';

/**
 * Whole objects from this size on are streamed. Smaller ones are inflated at once and kept
 * for the deltas after them; a streamed object is not kept, and a delta on it is resolved
 * in the second pass, from the pack file (resolve-deltas.ts).
 */
export const streamFrom = 1024 * 1024;
const outputBytes = 128 * 1024;

export class LargeEntry {
	private engine: Engine | undefined;
	private failure: {message: string; errno: number} | undefined;
	private output = Buffer.alloc(0);
	private hash: Hash | undefined;
	private size = 0;
	private produced = 0;
	/** CRC-32 of the entry's bytes so far, from its header on. */
	crc = 0;
	ended = false;

	/** Starts the entry of an object of `type` declaring `size` bytes, after its `header`. */
	begin(type: number, size: number, header: Uint8Array): void {
		this.engine ??= openEngine((message, errno) => {
			this.failure = {message, errno};
		});
		// Allocated for the first large entry: most packs have none.
		if (this.output.length === 0) this.output = Buffer.allocUnsafeSlow(outputBytes);
		this.hash = createHash('sha1').update(`${objectTypes[type]} ${size}\0`, 'latin1');
		this.size = size;
		this.produced = 0;
		this.crc = crc32(header);
		this.ended = false;
	}

	/** Feeds the entry's next compressed bytes; returns how many belong to it (all, until it ends). */
	write(input: Uint8Array): number {
		const engine = this.engine!;
		let taken = 0;
		for (;;) {
			this.run(input, taken);
			const [outputLeft, inputLeft] = engine._writeState;
			taken = input.length - inputLeft!;
			this.take(outputBytes - outputLeft!);
			if (outputLeft === 0) continue;
			// zlib stops with input left only where the stream ends. A stream ending with the input
			// is seen with the next bytes (the pack's trailer at least follows): none are taken.
			this.ended = inputLeft! > 0;
			break;
		}

		this.crc = crc32(input.subarray(0, taken), this.crc);
		if (this.ended) this.end();
		return taken;
	}

	/** The object's id, once it ended. */
	digest(): Buffer {
		return this.hash!.digest();
	}

	close(): void {
		this.engine?.close();
		this.engine = undefined;
	}

	private run(input: Uint8Array, from: number): void {
		this.failure = undefined;
		this.engine!._handle.writeSync(
			constants.Z_NO_FLUSH,
			input,
			from,
			input.length - from,
			this.output,
			0,
			outputBytes,
		);
		if (this.failure) this.fail(this.failure);
	}

	private take(bytes: number): void {
		if (bytes === 0) return;
		this.produced += bytes;
		if (this.produced > this.size) {
			this.close();
			throw new PackError(
				`A pack entry inflates to more than ${this.size} bytes, but its header says ${this.size}.`,
			);
		}

		this.hash!.update(this.output.subarray(0, bytes));
	}

	private end(): void {
		if (this.produced !== this.size) {
			this.close();
			throw new PackError(
				`A pack entry inflates to only ${this.produced} bytes, but its header says ${this.size}.`,
			);
		}

		this.engine!._handle.reset();
	}

	private fail(failure: {message: string; errno: number}): never {
		this.close();
		throw new PackError(`A pack entry does not inflate: ${failure.message}.`);
	}
}
