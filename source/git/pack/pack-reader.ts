/**
 * Reads objects out of one pack by offset, through a file descriptor: the .idx finds an
 * object, its entry is read and inflated, a delta's chain is applied from bases kept in a
 * byte-bounded cache. Memory holds the index and that cache, never the pack.
 */
import {closeSync, openSync, readFileSync, statSync} from 'node:fs';
import {ByteLru, type Resolved} from './byte-lru.js';
import {applyDelta, deltaResultSize} from './delta.js';
import {PackIndex, sharedBytes} from './idx-file.js';
import {countLargeRead} from './large-garbage.js';
import {PackFile} from './pack-file.js';
import {
	type EntryHeader,
	entryKind,
	objectTypes,
	PackError,
	parseEntryHeader,
	trailerBytes,
} from './pack-format.js';
import type {ExternalObject} from './resolve-deltas.js';

/** Delta bases kept while files are checked out (by default: the checkout's writers share it out). */
export const baseCacheBytes = 8 * 1024 * 1024;

/**
 * What a reader knows of its pack: the .idx, and the entries' start offsets in pack order
 * with the trailer's last (an entry ends where the next starts). Both live in shared memory,
 * so the readers of every thread of a clone use one copy, handed over by the indexing worker
 * that built it: at 335,000 objects a copy is 12 MB, and reading and sorting one took 50–140 ms.
 */
export type PackIndexData = {idx: Uint8Array; starts: Float64Array};

/** Reads the index data of the pack at `packPath` from its .idx. */
export function readIndexData(packPath: string): PackIndexData {
	const file = readFileSync(packPath.replace(/\.pack$/, '.idx'));
	const idx = sharedBytes(file.length);
	idx.set(file);
	const index = new PackIndex(idx);
	const starts = new Float64Array(new SharedArrayBuffer((index.count + 1) * 8));
	for (let rank = 0; rank < index.count; rank++) starts[rank] = index.offsetOf(rank);
	starts[index.count] = statSync(packPath).size - trailerBytes;
	starts.sort();
	return {idx, starts};
}

/** Closes the descriptor of a reader that was dropped without close(). */
const finalizer = new FinalizationRegistry<number>((fd) => {
	try {
		closeSync(fd);
	} catch {
		// Already closed.
	}
});

export class PackReader {
	private readonly file: PackFile;
	private readonly index: PackIndex;
	private readonly starts: Float64Array;
	private readonly bases: ByteLru;
	private closed = false;

	constructor(
		packPath: string,
		baseBytes = baseCacheBytes,
		readonly indexData = readIndexData(packPath),
	) {
		this.bases = new ByteLru(baseBytes);
		const {idx, starts} = indexData;
		this.index = new PackIndex(Buffer.from(idx.buffer, idx.byteOffset, idx.length));
		this.starts = starts;
		const fd = openSync(packPath, 'r');
		this.file = new PackFile(fd);
		finalizer.register(this, fd, this);
	}

	/** The offset of object `oid` (20 bytes) in this pack, or -1. */
	find(oid: Uint8Array): number {
		return this.index.find(oid);
	}

	async read(
		offset: number,
		readExternal?: (oid: string) => Promise<ExternalObject>,
		asBase = false,
	): Promise<Resolved> {
		const cached = this.bases.get(offset);
		if (cached) return cached;
		const header = this.header(offset);
		countLargeRead(header.size);
		const data = this.file.inflate(offset + header.headerLength, header.end, header.size);
		let resolved: Resolved;
		if (isDelta(header)) {
			const base = await this.baseOf(offset, header, readExternal);
			resolved = {type: base.type, data: applyDelta(data, base.data)};
		} else {
			resolved = {type: header.kind, data};
		}

		if (asBase) this.bases.set(offset, resolved);
		return resolved;
	}

	/**
	 * The data of the delta at `offset` and its base, for a caller that applies it as it
	 * writes (stream-blob.ts), never holding the result whole.
	 */
	async readDelta(
		offset: number,
		readExternal?: (oid: string) => Promise<ExternalObject>,
	): Promise<{delta: Buffer; base: Resolved}> {
		const header = this.header(offset);
		if (!isDelta(header)) throw new PackError('A pack entry read as a delta is not one.');
		const delta = this.file.inflate(offset + header.headerLength, header.end, header.size);
		return {delta, base: await this.baseOf(offset, header, readExternal)};
	}

	/**
	 * The kind and size (of the object, or of the delta) of the entry at `offset`, and where
	 * its compressed bytes start and end.
	 */
	entry(offset: number): {kind: number; size: number; start: number; end: number} {
		const header = this.header(offset);
		return {
			kind: header.kind,
			size: header.size,
			start: offset + header.headerLength,
			end: header.end,
		};
	}

	/**
	 * The size of the result of the delta in `entry` (from entry()), read from the start of
	 * its data; 0 when that does not tell (damaged: reading it whole reports how).
	 */
	deltaResultSize(entry: {start: number; end: number}): number {
		// Two sizes of up to 10 bytes each head a delta.
		return deltaResultSize(this.file.inflatePrefix(entry.start, entry.end, 20));
	}

	/** Inflates a whole object's `entry` (from entry()), handing it to `write` piece by piece. */
	inflateTo(
		entry: {size: number; start: number; end: number},
		write: (piece: Buffer) => void,
	): void {
		this.file.inflateTo(entry.start, entry.end, entry.size, write);
	}

	/** The compressed bytes of an entry; use them before the next read. */
	compressed(entry: {start: number; end: number}): Buffer {
		return this.file.bytes(entry.start, entry.end - entry.start);
	}

	close(): void {
		if (!this.closed) {
			this.closed = true;
			finalizer.unregister(this);
			closeSync(this.file.fd);
		}
	}

	private baseOf(
		offset: number,
		header: Header,
		readExternal: ((oid: string) => Promise<ExternalObject>) | undefined,
	): Promise<Resolved> {
		return header.kind === entryKind.ofsDelta
			? this.read(offset - header.baseDistance, readExternal, true)
			: this.readBase(header.baseOid!, readExternal);
	}

	private async readBase(
		oid: Buffer,
		readExternal: ((oid: string) => Promise<ExternalObject>) | undefined,
	): Promise<Resolved> {
		const offset = this.find(oid);
		if (offset >= 0) return this.read(offset, readExternal, true);
		if (!readExternal) throw new PackError(`A delta's base ${oid.toString('hex')} is missing.`);
		const {type, object} = await readExternal(oid.toString('hex'));
		return {type: objectTypes.indexOf(type as never), data: Buffer.from(object)};
	}

	private header(offset: number): Header {
		const end = this.entryEnd(offset);
		// Enough for any header: a ref-delta's is a few bytes and a 20-byte base id.
		const bytes = this.file.bytes(offset, Math.min(end - offset, 64));
		const header = parseEntryHeader(bytes, 0, bytes.length);
		if (!header) throw new PackError('A pack entry is cut short.');
		// The base id is a view into the read window: copied before the next read.
		return {
			kind: header.kind,
			size: header.size,
			headerLength: header.headerLength,
			baseDistance: header.baseDistance,
			baseOid: header.baseOid && Buffer.from(header.baseOid),
			end,
		};
	}

	private entryEnd(offset: number): number {
		let low = 0;
		let high = this.starts.length - 1;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.starts[middle]! <= offset) low = middle + 1;
			else high = middle;
		}

		return this.starts[low]!;
	}
}

/** An entry's header, with its base id copied out of the read window, and where the entry ends. */
type Header = Omit<EntryHeader, 'baseOid'> & {baseOid: Buffer | undefined; end: number};

function isDelta(header: Header): boolean {
	return header.kind === entryKind.ofsDelta || header.kind === entryKind.refDelta;
}
