/**
 * The pack index, version 2 (Documentation/gitformat-pack.txt): written from the table the
 * two passes filled, byte for byte what `git index-pack` writes, and read back for lookups
 * without turning its entries into JavaScript objects.
 */
import {createHash} from 'node:crypto';
import type {ObjectTable} from './object-table.js';
import {PackError} from './pack-format.js';

const magic = Buffer.from([0xff, 0x74, 0x4f, 0x63]);
const fanoutAt = 8;
const namesAt = fanoutAt + 256 * 4;
/** Offsets at or above 2^31 go to the table of 8-byte offsets. */
const largeOffset = 0x80000000;

/** Zeroed bytes in shared memory, which another thread is handed without a copy. */
export function sharedBytes(length: number): Buffer {
	return Buffer.from(new SharedArrayBuffer(length));
}

/** The .idx of the pack `table` describes, in shared memory (pack-reader.ts's PackIndexData). */
export function writeIdx(table: ObjectTable, packSha: Buffer): Buffer {
	const {count, oids, crcs, offsets} = table;
	const order = sortedByOid(table);
	let large = 0;
	for (let index = 0; index < count; index++) {
		if (offsets[index]! >= largeOffset) large++;
	}

	const crcsAt = namesAt + count * 20;
	const offsetsAt = crcsAt + count * 4;
	const largeAt = offsetsAt + count * 4;
	const idx = sharedBytes(largeAt + large * 8 + 40);
	magic.copy(idx, 0);
	idx.writeUInt32BE(2, 4);
	// Byte by byte: a Buffer method call (or a subarray) per field was most of the time here.
	let largeIndex = 0;
	for (let rank = 0; rank < count; rank++) {
		const index = order[rank]!;
		const name = namesAt + rank * 20;
		for (let byte = 0, from = index * 20; byte < 20; byte++) idx[name + byte] = oids[from + byte]!;
		putUInt32(idx, crcsAt + rank * 4, crcs[index]!);
		const offset = offsets[index]!;
		if (offset < largeOffset) {
			putUInt32(idx, offsetsAt + rank * 4, offset);
		} else {
			putUInt32(idx, offsetsAt + rank * 4, (largeOffset | largeIndex) >>> 0);
			idx.writeBigUInt64BE(BigInt(offset), largeAt + largeIndex++ * 8);
		}
	}

	const firstBytes = new Uint32Array(256);
	for (let index = 0; index < count; index++) firstBytes[oids[index * 20]!]!++;
	for (let byte = 0, total = 0; byte < 256; byte++) {
		total += firstBytes[byte]!;
		putUInt32(idx, fanoutAt + byte * 4, total);
	}

	const trailerAt = idx.length - 40;
	packSha.copy(idx, trailerAt);
	createHash('sha1')
		.update(idx.subarray(0, trailerAt + 20))
		.digest()
		.copy(idx, trailerAt + 20);
	return idx;
}

function putUInt32(target: Buffer, at: number, value: number): void {
	target[at] = value >>> 24;
	target[at + 1] = value >>> 16;
	target[at + 2] = value >>> 8;
	target[at + 3] = value;
}

/** Buckets larger than this are sorted by comparison; smaller ones (nearly all) by insertion. */
const insertionBucket = 24;

/**
 * Entry indexes in object id order: counted into buckets by their first two bytes, then each
 * bucket sorted by the rest (object ids are uniform, so a bucket holds count / 65,536 ids on
 * average). A comparison sort over all of them took 25 ms for 50,000 objects.
 */
function sortedByOid(table: ObjectTable): Uint32Array {
	const {count, oids} = table;
	const bucketOf = (index: number) => (oids[index * 20]! << 8) | oids[index * 20 + 1]!;
	const starts = new Uint32Array(65536 + 1);
	for (let index = 0; index < count; index++) starts[bucketOf(index) + 1]!++;
	for (let bucket = 0; bucket < 65536; bucket++) starts[bucket + 1]! += starts[bucket]!;
	const order = new Uint32Array(count);
	const next = starts.slice(0, 65536);
	for (let index = 0; index < count; index++) order[next[bucketOf(index)]!++] = index;

	const compare = (a: number, b: number) => {
		for (let byte = 2; byte < 20; byte++) {
			const step = oids[a * 20 + byte]! - oids[b * 20 + byte]!;
			if (step !== 0) return step;
		}

		return 0;
	};
	for (let bucket = 0; bucket < 65536; bucket++) {
		const first = starts[bucket]!;
		const end = starts[bucket + 1]!;
		if (end - first > insertionBucket) {
			order.subarray(first, end).sort(compare);
			continue;
		}

		for (let at = first + 1; at < end; at++) {
			const item = order[at]!;
			let to = at;
			while (to > first && compare(order[to - 1]!, item) > 0) {
				order[to] = order[to - 1]!;
				to--;
			}

			order[to] = item;
		}
	}

	return order;
}

/** A parsed .idx: lookups by object id, and every entry's offset. */
export class PackIndex {
	readonly count: number;
	private readonly offsetsAt: number;
	private readonly largeAt: number;

	constructor(private readonly idx: Buffer) {
		if (
			idx.length < namesAt + 40 ||
			!idx.subarray(0, 4).equals(magic) ||
			idx.readUInt32BE(4) !== 2
		) {
			throw new PackError('The pack index is not a version 2 .idx file.');
		}

		this.count = idx.readUInt32BE(namesAt - 4);
		this.offsetsAt = namesAt + this.count * 24;
		this.largeAt = this.offsetsAt + this.count * 4;
	}

	/** The offset of the object `oid` (20 bytes), or -1 when the pack does not hold it. */
	find(oid: Uint8Array): number {
		const first = oid[0]!;
		let low = first === 0 ? 0 : this.idx.readUInt32BE(fanoutAt + (first - 1) * 4);
		let high = this.idx.readUInt32BE(fanoutAt + first * 4) - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const order = this.compare(middle, oid);
			if (order === 0) return this.offsetOf(middle);
			if (order < 0) low = middle + 1;
			else high = middle - 1;
		}

		return -1;
	}

	offsetOf(rank: number): number {
		const value = this.idx.readUInt32BE(this.offsetsAt + rank * 4);
		return value < largeOffset
			? value
			: Number(this.idx.readBigUInt64BE(this.largeAt + (value - largeOffset) * 8));
	}

	private compare(rank: number, oid: Uint8Array): number {
		const at = namesAt + rank * 20;
		for (let byte = 0; byte < 20; byte++) {
			const step = this.idx[at + byte]! - oid[byte]!;
			if (step !== 0) return step;
		}

		return 0;
	}
}
