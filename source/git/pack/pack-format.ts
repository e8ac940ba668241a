/**
 * The byte layout of a git pack (Documentation/gitformat-pack.txt): the file header, each
 * entry's header (kind, inflated size, delta base), and the bound zlib puts on the size of
 * a compressed stream. Parsing works on any byte range and reports "not enough bytes yet"
 * as undefined, so the same code serves a pack that is still arriving.
 */

/** Entry kinds, as numbered in a pack. 1–4 are whole objects; 6 and 7 are deltas. */
export const entryKind = {commit: 1, tree: 2, blob: 3, tag: 4, ofsDelta: 6, refDelta: 7} as const;

export const objectTypes = ['', 'commit', 'tree', 'blob', 'tag'] as const;

export const packHeaderBytes = 12;
export const trailerBytes = 20;

/** A pack that is truncated, corrupt or not a pack at all. */
export class PackError extends Error {
	/** isomorphic-git's code for a garbled response: callers map both alike. */
	readonly code = 'ParseError';

	/** @param incomplete the data ended before the entry did (more may still arrive) */
	constructor(
		message: string,
		readonly incomplete = false,
	) {
		super(message);
	}
}

/**
 * The largest object a clone takes: 2 GiB. Git streams a blob above core.bigFileThreshold
 * and so has no such limit, but isomorphic-git hashes, applies deltas to and checks out each
 * object as one buffer (a delta needs its base and its result at once), and Node does file
 * I/O of at most 2 GiB in one call. An entry declaring more would only fail later, after its
 * compressed bytes had been gathered in memory; no source file comes near it.
 */
export const maxObjectBytes = 2 ** 31;

/** An entry or delta declaring more than maxObjectBytes: refused before its data is read. */
export class OversizedObjectError extends Error {
	readonly code = 'OversizedObjectError';

	/** @param entry the entry's position in the pack, from 1 */
	constructor(
		readonly size: number,
		readonly entry?: number,
	) {
		super(`Pack entry ${entry ?? '?'} declares ${size} bytes, over ${maxObjectBytes}.`);
	}
}

/** The object count from a pack's 12-byte header. */
export function parsePackHeader(bytes: Uint8Array): number {
	const view = Buffer.from(bytes.buffer, bytes.byteOffset, packHeaderBytes);
	const version = view.readUInt32BE(4);
	if (view.toString('latin1', 0, 4) !== 'PACK' || (version !== 2 && version !== 3)) {
		throw new PackError('The git server did not send a pack (bad header).');
	}

	return view.readUInt32BE(8);
}

export type EntryHeader = {
	kind: number;
	/** Inflated size: of the object, or of the delta for a delta. */
	size: number;
	/** Bytes before the compressed data. */
	headerLength: number;
	/** An ofs-delta's base: its distance back from this entry. */
	baseDistance: number;
	/** A ref-delta's base object id (20 bytes, a view into `bytes`). */
	baseOid: Uint8Array | undefined;
};

/** The header of the entry at `at`, or undefined when it runs past `end`. */
export function parseEntryHeader(
	bytes: Uint8Array,
	at: number,
	end: number,
): EntryHeader | undefined {
	let position = at;
	if (position >= end) {
		return undefined;
	}

	let byte = bytes[position++]!;
	const kind = (byte >> 4) & 7;
	let size = byte & 15;
	let scale = 16;
	while (byte & 0x80) {
		if (position >= end) {
			return undefined;
		}

		byte = bytes[position++]!;
		size += (byte & 0x7f) * scale;
		scale *= 128;
	}

	let baseDistance = 0;
	let baseOid: Uint8Array | undefined;
	if (kind === entryKind.ofsDelta) {
		if (position >= end) {
			return undefined;
		}

		byte = bytes[position++]!;
		baseDistance = byte & 0x7f;
		while (byte & 0x80) {
			if (position >= end) {
				return undefined;
			}

			byte = bytes[position++]!;
			baseDistance = (baseDistance + 1) * 128 + (byte & 0x7f);
		}
	} else if (kind === entryKind.refDelta) {
		if (position + 20 > end) {
			return undefined;
		}

		baseOid = bytes.subarray(position, position + 20);
		position += 20;
	} else if (kind < entryKind.commit || kind > entryKind.tag) {
		throw new PackError(`The pack holds an entry of unknown kind ${kind}.`);
	}

	return {kind, size, headerLength: position - at, baseDistance, baseOid};
}

/** zlib's deflateBound: no compressed stream of `size` bytes is longer (plus slack for headers). */
export function compressedBound(size: number): number {
	return size + Math.floor(size / 4096) + Math.floor(size / 16384) + 64;
}
