/**
 * Applies a git delta (a copy/insert program, Documentation/gitformat-pack.txt) to its base.
 */
import {maxObjectBytes, OversizedObjectError, PackError} from './pack-format.js';

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
	let position = 0;
	const readSize = () => {
		let value = 0;
		let scale = 1;
		let byte: number;
		do {
			byte = delta[position++]!;
			value += (byte & 0x7f) * scale;
			scale *= 128;
		} while (byte & 0x80 && position < delta.length);
		return value;
	};

	const baseSize = readSize();
	const resultSize = readSize();
	if (baseSize !== base.length) {
		throw new PackError(`A delta expects a base of ${baseSize} bytes, but it has ${base.length}.`);
	}

	if (resultSize > maxObjectBytes) {
		throw new OversizedObjectError(resultSize, entry);
	}

	const result = allocate(resultSize);
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

			result.set(base.subarray(offset, offset + length), written);
			written += length;
		} else if (op > 0) {
			if (position + op > delta.length || written + op > resultSize) {
				throw new PackError('A delta inserts past the end of its data or result.');
			}

			result.set(delta.subarray(position, position + op), written);
			position += op;
			written += op;
		} else {
			throw new PackError('A delta holds the reserved instruction 0.');
		}
	}

	if (written !== resultSize) {
		throw new PackError(`A delta produced ${written} bytes instead of ${resultSize}.`);
	}

	return result;
}
