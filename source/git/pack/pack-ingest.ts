/**
 * The first pass over a pack, run on the bytes as they arrive (as `git index-pack --stdin`
 * does): each chunk is written to the pack file, then every complete entry is parsed,
 * inflated to find where it ends, checksummed (CRC-32 for the .idx) and, for a whole
 * object or a delta whose base is still in a small cache, hashed to its object id. Only
 * the bytes of the entry being parsed are held, not the pack; of a large whole object, only
 * the bytes not yet inflated (large-entry.ts).
 */
import {createHash} from 'node:crypto';
import {writeSync} from 'node:fs';
import {crc32} from 'node:zlib';
import {applyDelta} from './delta.js';
import {Inflater} from './inflater.js';
import {LargeEntry, streamFrom} from './large-entry.js';
import {ObjectRing} from './object-ring.js';
import {ObjectTable} from './object-table.js';
import {
	compressedBound,
	type EntryHeader,
	entryKind,
	maxObjectBytes,
	OversizedObjectError,
	PackError,
	packHeaderBytes,
	parseEntryHeader,
	parsePackHeader,
	trailerBytes,
} from './pack-format.js';

/** Resolved objects kept for the deltas that follow them in the pack. */
const baseCacheBytes = 8 * 1024 * 1024;
const initialBufferBytes = 1024 * 1024;
/**
 * Delta results are built in one reused buffer, grown to the largest (they are hashed and
 * copied into the ring at once): a buffer per result stayed allocated until V8 next
 * collected, megabytes of malloc heap that the indexing worker's arena kept (inflater.ts).
 */
const doubleUpTo = 1024 * 1024;

export type IngestResult = {table: ObjectTable; packSha: Buffer};

export class PackIngest {
	private buffer = Buffer.allocUnsafe(initialBufferBytes);
	/** Pack offset of buffer[0]. */
	private start = 0;
	/** Pack offset just past the last byte received. */
	private received = 0;
	/** Pack offset of the next entry to parse. */
	private position = 0;
	/** Bytes after an entry's header to wait for before trying to inflate it again. */
	private wanted = 0;
	private ended = false;
	private table: ObjectTable | undefined;
	private next = 0;
	private readonly packHash = createHash('sha1');
	private readonly bases = new ObjectRing(baseCacheBytes);
	private readonly inflater = new Inflater();
	private readonly large = new LargeEntry();
	/** A large entry is being streamed: the parse position is in its compressed data. */
	private streaming = false;
	private scratch = Buffer.allocUnsafeSlow(64 * 1024);

	constructor(private readonly fd: number) {}

	/** Entries parsed so far, and the pack's object count once its header arrived. */
	get progress(): {parsed: number; total: number | undefined} {
		return {parsed: this.next, total: this.table?.count};
	}

	push(chunk: Uint8Array): void {
		for (let written = 0; written < chunk.length; ) {
			written += writeSync(this.fd, chunk, written);
		}

		this.append(chunk);
		this.received += chunk.length;
		this.parse();
	}

	/** After the last chunk: parses what is left and checks the trailer; undefined for no pack at all. */
	finish(): IngestResult | undefined {
		this.ended = true;
		if (this.received === 0) {
			return undefined;
		}

		this.parse();
		const table = this.table!;
		const trailer = this.view(this.position, this.received);
		if (trailer.length !== trailerBytes) {
			throw new PackError(
				trailer.length < trailerBytes
					? 'The pack ended early.'
					: 'The pack has bytes after its last object.',
			);
		}

		const packSha = this.packHash.digest();
		if (!packSha.equals(trailer)) {
			throw new PackError('The pack is corrupt: its checksum does not match its content.');
		}

		table.offsets[table.count] = this.position;
		this.bases.clear();
		this.inflater.close();
		this.large.close();
		return {table, packSha: Buffer.from(trailer)};
	}

	private view(from: number, to: number): Buffer {
		return this.buffer.subarray(from - this.start, to - this.start);
	}

	/**
	 * Keeps bytes from the parse position on, growing the buffer for an entry larger than it
	 * (never shrinking it: the worker, and the buffer, end with the pack; see inflater.ts).
	 */
	private append(chunk: Uint8Array): void {
		const kept = this.received - this.position;
		if (this.received - this.start + chunk.length > this.buffer.length) {
			const needed = kept + chunk.length;
			const target =
				needed > this.buffer.length
					? Buffer.allocUnsafe(Math.max(needed * 2, initialBufferBytes))
					: this.buffer;
			this.buffer.copy(target, 0, this.position - this.start, this.received - this.start);
			this.buffer = target;
			this.start = this.position;
		}

		this.buffer.set(chunk, this.received - this.start);
	}

	private parse(): void {
		if (!this.table) {
			if (this.received < packHeaderBytes) {
				if (this.ended) throw new PackError('The pack ended early.');
				return;
			}

			this.table = new ObjectTable(parsePackHeader(this.view(0, packHeaderBytes)));
			this.packHash.update(this.view(0, packHeaderBytes));
			this.position = packHeaderBytes;
		}

		const parsedFrom = this.position;
		while (this.next < this.table.count && this.parseEntry(this.table)) {
			this.next++;
		}

		// The pack checksum covers every entry: hashed once per chunk, not once per entry.
		this.packHash.update(this.view(parsedFrom, this.position));
	}

	/** Parses the entry at the parse position; false when more bytes are needed first. */
	private parseEntry(table: ObjectTable): boolean {
		if (this.streaming) return this.streamEntry(table);
		const at = this.position - this.start;
		const end = this.received - this.start;
		const header = parseEntryHeader(this.buffer, at, end);
		if (header && header.size > maxObjectBytes) {
			throw new OversizedObjectError(header.size, this.next + 1);
		}

		const dataAt = at + (header?.headerLength ?? 0);
		if (header && header.size >= streamFrom && header.kind <= entryKind.tag) {
			this.record(table, header);
			this.large.begin(header.kind, header.size, this.buffer.subarray(at, dataAt));
			this.position += header.headerLength;
			this.streaming = true;
			return this.streamEntry(table);
		}

		if (!header || (!this.ended && end - dataAt < this.wantedFor(header.size))) {
			if (this.ended) throw new PackError('The pack ended early.');
			return false;
		}

		let inflated: {data: Buffer; consumed: number};
		try {
			inflated = this.inflater.inflate(this.buffer.subarray(dataAt, end), header.size);
		} catch (error) {
			if (error instanceof PackError && error.incomplete && !this.ended) {
				this.wanted = (end - dataAt) * 2;
				return false;
			}

			throw error instanceof PackError && error.incomplete
				? new PackError('The pack ended early.')
				: error;
		}

		this.wanted = 0;
		const entryEnd = dataAt + inflated.consumed;
		const index = this.next;
		this.record(table, header);
		table.crcs[index] = crc32(this.buffer.subarray(at, entryEnd));
		this.resolveEarly(table, index, header, inflated.data);
		this.position += entryEnd - at;
		return true;
	}

	private record(table: ObjectTable, header: EntryHeader): void {
		const index = this.next;
		table.offsets[index] = this.position;
		table.kinds[index] = header.kind;
		table.headerLengths[index] = header.headerLength;
		table.sizes[index] = header.size;
	}

	/** Inflates what arrived of the large entry being streamed; true once it ended. */
	private streamEntry(table: ObjectTable): boolean {
		const {large} = this;
		this.position += large.write(this.view(this.position, this.received));
		if (!large.ended) {
			if (this.ended) throw new PackError('The pack ended early.');
			return false;
		}

		this.streaming = false;
		table.crcs[this.next] = large.crc;
		table.resolveId(this.next, table.kinds[this.next]!, large.digest());
		return true;
	}

	/** A delta result's buffer: a view of the reused one. */
	private readonly inScratch = (size: number): Buffer => {
		if (size > this.scratch.length) {
			this.scratch = Buffer.allocUnsafeSlow(size < doubleUpTo ? size * 2 : size);
		}

		return this.scratch.subarray(0, size);
	};

	/** An entry's header says its inflated size; its compressed form is at most this long. */
	private wantedFor(size: number): number {
		return Math.max(this.wanted, compressedBound(size));
	}

	private resolveEarly(table: ObjectTable, index: number, header: EntryHeader, data: Buffer): void {
		const offset = table.offsets[index]!;
		if (header.kind === entryKind.refDelta) {
			table.refBases.set(index, Buffer.from(header.baseOid!));
			return;
		}

		if (header.kind !== entryKind.ofsDelta) {
			table.resolve(index, header.kind, data);
			this.bases.set(offset, {type: header.kind, data});
			return;
		}

		const baseOffset = offset - header.baseDistance;
		table.baseOffsets[index] = baseOffset;
		const base = this.bases.get(baseOffset);
		if (base) {
			const object = applyDelta(data, base.data, index + 1, this.inScratch);
			table.resolve(index, base.type, object);
			this.bases.set(offset, {type: base.type, data: object});
		}
	}
}
