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

export function writeIdx(table: ObjectTable, packSha: Buffer): Buffer {
	const {count, oids} = table;
	const order = sortedByOid(table);
	let large = 0;
	for (let index = 0; index < count; index++) {
		if (table.offsets[index]! >= largeOffset) large++;
	}

	const crcsAt = namesAt + count * 20;
	const offsetsAt = crcsAt + count * 4;
	const largeAt = offsetsAt + count * 4;
	const idx = Buffer.alloc(largeAt + large * 8 + 40);
	magic.copy(idx, 0);
	idx.writeUInt32BE(2, 4);
	let largeIndex = 0;
	for (let rank = 0; rank < count; rank++) {
		const index = order[rank]!;
		idx.set(oids.subarray(index * 20, index * 20 + 20), namesAt + rank * 20);
		idx.writeUInt32BE(table.crcs[index]!, crcsAt + rank * 4);
		const offset = table.offsets[index]!;
		if (offset < largeOffset) {
			idx.writeUInt32BE(offset, offsetsAt + rank * 4);
		} else {
			idx.writeUInt32BE((largeOffset | largeIndex) >>> 0, offsetsAt + rank * 4);
			idx.writeBigUInt64BE(BigInt(offset), largeAt + largeIndex++ * 8);
		}
	}

	const firstBytes = new Uint32Array(256);
	for (let index = 0; index < count; index++) firstBytes[oids[index * 20]!]!++;
	for (let byte = 0, total = 0; byte < 256; byte++) {
		total += firstBytes[byte]!;
		idx.writeUInt32BE(total, fanoutAt + byte * 4);
	}

	const trailerAt = idx.length - 40;
	packSha.copy(idx, trailerAt);
	createHash('sha1')
		.update(idx.subarray(0, trailerAt + 20))
		.digest()
		.copy(idx, trailerAt + 20);
	return idx;
}

/** Entry indexes in object id order. */
function sortedByOid(table: ObjectTable): Uint32Array {
	const {oids} = table;
	const prefixes = new Uint32Array(table.count);
	for (let index = 0; index < table.count; index++) {
		const at = index * 20;
		prefixes[index] =
			((oids[at]! << 24) | (oids[at + 1]! << 16) | (oids[at + 2]! << 8) | oids[at + 3]!) >>> 0;
	}

	const order = new Uint32Array(table.count);
	for (let index = 0; index < table.count; index++) order[index] = index;
	return order.sort((a, b) => {
		const difference = prefixes[a]! - prefixes[b]!;
		if (difference !== 0) return difference;
		for (let byte = 4; byte < 20; byte++) {
			const step = oids[a * 20 + byte]! - oids[b * 20 + byte]!;
			if (step !== 0) return step;
		}

		return 0;
	});
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
