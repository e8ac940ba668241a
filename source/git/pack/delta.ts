/**
 * Applies a git delta (a copy/insert program, Documentation/gitformat-pack.txt) to its base:
 * into a buffer of the result's size, or piece by piece to an output (a hash, a file), so
 * that a large result need not be held whole.
 */
import {maxObjectBytes, OversizedObjectError, PackError} from './pack-format.js';

/** Takes the result's next piece: bytes [start, end) of the base or of the delta. */
export type DeltaOutput = (source: Uint8Array, start: number, end: number) => void;

/**
 * @param entry the delta's position in the pack, from 1, to name it if its result is refused
 * @param allocate where to build the result (`size` bytes) instead of a buffer of its own
 */
export function applyDelta(
	delta: Uint8Array,
	base: Uint8Array,
	entry?: number,
	allocate: (size: number) => Buffer = Buffer.allocUnsafe,
): Buffer {
	const header = readHeader(delta, base, entry);
	const result = allocate(header.resultSize);
	let written = 0;
	runProgram(delta, header, base, (source, start, end) => {
		result.set(source.subarray(start, end), written);
		written += end - start;
	});
	return result;
}

/** Runs the delta, handing its result to `output` in order; returns the result's size. */
export function streamDelta(
	delta: Uint8Array,
	base: Uint8Array,
	output: DeltaOutput,
	entry?: number,
): number {
	const header = readHeader(delta, base, entry);
	runProgram(delta, header, base, output);
	return header.resultSize;
}

/** The size of the delta's result, from its header; 0 when the header is cut short. */
export function deltaResultSize(delta: Uint8Array): number {
	const sizes = readSizes(delta, 0, 2);
	return sizes ? sizes.values[1]! : 0;
}

type Header = {resultSize: number; programStart: number};

function readHeader(delta: Uint8Array, base: Uint8Array, entry: number | undefined): Header {
	const sizes = readSizes(delta, 0, 2);
	if (!sizes) throw new PackError('A delta is cut short in its header.');
	const [baseSize, resultSize] = sizes.values as [number, number];
	if (baseSize !== base.length) {
		throw new PackError(`A delta expects a base of ${baseSize} bytes, but it has ${base.length}.`);
	}

	if (resultSize > maxObjectBytes) {
		throw new OversizedObjectError(resultSize, entry);
	}

	return {resultSize, programStart: sizes.end};
}

/** `count` sizes from `position` (7 bits a byte, low first), and where they end; undefined if cut. */
function readSizes(
	delta: Uint8Array,
	position: number,
	count: number,
): {values: number[]; end: number} | undefined {
	const values: number[] = [];
	let value = 0;
	let scale = 1;
	while (position < delta.length && values.length < count) {
		const byte = delta[position++]!;
		value += (byte & 0x7f) * scale;
		scale *= 128;
		if (!(byte & 0x80)) {
			values.push(value);
			value = 0;
			scale = 1;
		}
	}

	return values.length === count ? {values, end: position} : undefined;
}

function runProgram(
	delta: Uint8Array,
	header: Header,
	base: Uint8Array,
	output: DeltaOutput,
): void {
	const {resultSize} = header;
	let position = header.programStart;
	let written = 0;
	while (position < delta.length) {
		const op = delta[position++]!;
		if (op & 0x80) {
			let offset = 0;
			let length = 0;
			for (let bit = 0; bit < 4; bit++) {
				if (op & (1 << bit)) offset += delta[position++]! * 2 ** (8 * bit);
			}

			for (let bit = 0; bit < 3; bit++) {
				if (op & (16 << bit)) length |= delta[position++]! << (8 * bit);
			}

			length ||= 0x10000;
			if (offset + length > base.length || written + length > resultSize) {
				throw new PackError('A delta copies past the end of its base or result.');
			}

			output(base, offset, offset + length);
			written += length;
		} else if (op > 0) {
			if (position + op > delta.length || written + op > resultSize) {
				throw new PackError('A delta inserts past the end of its data or result.');
			}

			output(delta, position, position + op);
			position += op;
			written += op;
		} else {
			throw new PackError('A delta holds the reserved instruction 0.');
		}
	}

	if (written !== resultSize) {
		throw new PackError(`A delta produced ${written} bytes instead of ${resultSize}.`);
	}
}

/** Pieces this small are copied into a chunk; larger ones pass through as views. */
const gatherBelow = 16 * 1024;
const chunkBytes = 64 * 1024;
let gathered: Buffer | undefined;

/**
 * An output that hands `emit` a delta's result in chunks: a delta of many small pieces
 * makes a few calls (into a hash, or the kernel), not one a piece. `emit` must be done with
 * a chunk when it returns (one buffer serves every output on a thread); call flush() after
 * the delta.
 */
export function chunkedOutput(emit: (chunk: Uint8Array) => void): {
	output: DeltaOutput;
	flush(): void;
} {
	gathered ??= Buffer.allocUnsafeSlow(chunkBytes);
	const buffer = gathered;
	let filled = 0;
	const flush = () => {
		if (filled > 0) emit(buffer.subarray(0, filled));
		filled = 0;
	};

	return {
		output(source, start, end) {
			if (end - start >= gatherBelow) {
				flush();
				emit(source.subarray(start, end));
				return;
			}

			if (filled + end - start > chunkBytes) flush();
			buffer.set(source.subarray(start, end), filled);
			filled += end - start;
		},
		flush,
	};
}
