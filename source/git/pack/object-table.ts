/**
 * What indexing learns about each entry of a pack, in typed arrays sized once from the
 * pack's object count (a few dozen bytes an object, no JavaScript object per entry).
 */
import {createHash, hash} from 'node:crypto';
import {objectTypes} from './pack-format.js';

/** Objects up to this size are hashed in one call, from a copy after their header. */
const oneShotBytes = 64 * 1024;

export class ObjectTable {
	/**
	 * Entry start offsets in pack order; offsets[count] is where the trailer starts. In shared
	 * memory: the pack's readers take it as it is (pack-reader.ts's PackIndexData).
	 */
	readonly offsets: Float64Array;
	readonly kinds: Uint8Array;
	/** Bytes of each entry's header (before its compressed data). */
	readonly headerLengths: Uint8Array;
	/** Inflated size of each entry's data. */
	readonly sizes: Float64Array;
	/** An ofs-delta's base offset; -1 otherwise. */
	readonly baseOffsets: Float64Array;
	/** The object type (1–4) once resolved; 0 until then. */
	readonly types: Uint8Array;
	readonly crcs: Uint32Array;
	readonly oids: Uint8Array;
	/** Ref-deltas' base object ids, by entry index (rare: clones ask for ofs-deltas). */
	readonly refBases = new Map<number, Buffer>();
	resolvedCount = 0;
	private readonly scratch = Buffer.allocUnsafeSlow(oneShotBytes + 32);

	constructor(readonly count: number) {
		this.offsets = new Float64Array(new SharedArrayBuffer((count + 1) * 8));
		this.kinds = new Uint8Array(count);
		this.headerLengths = new Uint8Array(count);
		this.sizes = new Float64Array(count);
		this.baseOffsets = new Float64Array(count).fill(-1);
		this.types = new Uint8Array(count);
		this.crcs = new Uint32Array(count);
		this.oids = new Uint8Array(count * 20);
	}

	/** Records the object an entry holds: its type and id (hashed as git does). */
	resolve(index: number, type: number, data: Uint8Array): void {
		const header = `${objectTypes[type]} ${data.length}\0`;
		if (data.length <= oneShotBytes) {
			// A Hash object per small object was a tenth of indexing's garbage.
			const at = this.scratch.write(header, 'latin1');
			this.scratch.set(data, at);
			this.resolveId(
				index,
				type,
				hash('sha1', this.scratch.subarray(0, at + data.length), 'buffer'),
			);
		} else {
			this.resolveId(
				index,
				type,
				createHash('sha1').update(header, 'latin1').update(data).digest(),
			);
		}
	}

	/** Records an object hashed as it streamed by (large-entry.ts). */
	resolveId(index: number, type: number, oid: Uint8Array): void {
		this.oids.set(oid, index * 20);
		this.types[index] = type;
		this.resolvedCount++;
	}

	oidOf(index: number): Buffer {
		return Buffer.from(this.oids.buffer, this.oids.byteOffset + index * 20, 20);
	}

	/** Index of the entry starting at `offset` (binary search over pack order), or -1. */
	indexAt(offset: number): number {
		let low = 0;
		let high = this.count - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const value = this.offsets[middle]!;
			if (value === offset) return middle;
			if (value < offset) low = middle + 1;
			else high = middle - 1;
		}

		return -1;
	}
}
