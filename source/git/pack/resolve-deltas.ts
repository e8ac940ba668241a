/**
 * The second pass over a pack: the deltas the first pass could not resolve (their base had
 * left its cache) are resolved as git's index-pack does, walking from each resolved base
 * down its tree of deltas, so each entry is inflated once and only the chain being walked
 * is in memory. Entries are read back by offset from the pack file, a large one in chunks;
 * a large result that is no delta's base is hashed as it is produced, and the garbage of
 * a walk from a large base is collected before the next.
 */
import {createHash} from 'node:crypto';
import {ByteLru, type Resolved} from './byte-lru.js';
import {applyDelta, chunkedOutput, deltaResultSize, streamDelta} from './delta.js';
import {collectLargeGarbage, largeBytes} from './large-garbage.js';
import type {ObjectTable} from './object-table.js';
import {PackFile} from './pack-file.js';
import {entryKind, objectTypes, PackError} from './pack-format.js';

export type ExternalObject = {type: string; object: Uint8Array};

export type ResolveOptions = {
	/** A ref-delta's base that is not in the pack (a thin pack); absent: such a base is an error. */
	readExternal?: (oid: string) => Promise<ExternalObject>;
	/** Called now and then with the count of resolved entries; may throw to stop. */
	onProgress?: (resolved: number) => Promise<void> | void;
};

/** Entries of a resolved delta chain kept while walking (bases read back for a later root). */
const chainCacheBytes = 8 * 1024 * 1024;
const progressEvery = 2000;

export async function resolveDeltas(
	table: ObjectTable,
	fd: number,
	options: ResolveOptions = {},
): Promise<void> {
	if (table.resolvedCount === table.count) {
		return;
	}

	const file = new PackFile(fd);
	const children = childrenByBase(table);
	const chain = new ByteLru(chainCacheBytes);
	let sinceProgress = 0;

	const inflateAt = (index: number): Buffer =>
		file.inflate(
			table.offsets[index]! + table.headerLengths[index]!,
			table.offsets[index + 1]!,
			table.sizes[index]!,
		);

	/** The content of an entry resolved in the first pass (a whole object or an ofs-delta chain). */
	const contentOf = (index: number): Resolved => {
		const offset = table.offsets[index]!;
		const cached = chain.get(offset);
		if (cached) return cached;
		const data = inflateAt(index);
		const kind = table.kinds[index]!;
		const resolved =
			kind === entryKind.ofsDelta
				? {
						type: table.types[index]!,
						data: applyDelta(
							data,
							contentOf(table.indexAt(table.baseOffsets[index]!)).data,
							index + 1,
						),
					}
				: {type: kind, data};
		chain.set(offset, resolved);
		return resolved;
	};

	const walk = async (root: Resolved, rootChildren: readonly number[]): Promise<void> => {
		const stack = [{base: root, kids: rootChildren, next: 0}];
		while (stack.length > 0) {
			const top = stack.at(-1)!;
			const child = top.kids[top.next++]!;
			if (top.next === top.kids.length) stack.pop();
			const delta = inflateAt(child);
			const {type} = top.base;
			if (!children.mayHaveKids(child) && deltaResultSize(delta) >= largeBytes) {
				table.resolveId(child, type, hashDelta(delta, top.base, child + 1));
			} else {
				const data = applyDelta(delta, top.base.data, child + 1);
				table.resolve(child, type, data);
				// After resolve: a ref-delta finds its base by the id just computed.
				const kids = children.of(child);
				if (kids.length > 0) stack.push({base: {type, data}, kids, next: 0});
			}
			if (++sinceProgress === progressEvery) {
				sinceProgress = 0;
				await options.onProgress?.(table.resolvedCount);
			}
		}
	};

	// Roots are what the first pass resolved; the walks resolve the rest.
	const resolvedFirst = table.types.slice();
	for (let index = 0; index < table.count; index++) {
		if (resolvedFirst[index] !== 0) {
			const kids = children.of(index);
			if (kids.length === 0) continue;
			await walk(contentOf(index), kids);
			// The walk's large objects are garbage now: freed before the next root's are read.
			if (table.sizes[index]! >= largeBytes) collectLargeGarbage();
		}
	}

	for (const [oid, kids] of children.waitingForExternal()) {
		if (!options.readExternal) {
			throw new PackError(`A delta's base ${oid} is neither in the pack nor in the repository.`);
		}

		const {type, object} = await options.readExternal(oid);
		const typeNumber = objectTypes.indexOf(type as never);
		await walk({type: typeNumber, data: Buffer.from(object)}, kids);
	}

	if (table.resolvedCount !== table.count) {
		throw new PackError('The pack is corrupt: some deltas have no base.');
	}

	await options.onProgress?.(table.resolvedCount);
}

/**
 * Hashes a delta's result as the delta produces it, never holding it whole: done for a
 * large result that no delta has as its base, so that only the base is in memory (a 16 MB
 * asset's edit held 16 MB, not 32).
 */
function hashDelta(delta: Uint8Array, base: Resolved, entry: number): Buffer {
	const size = deltaResultSize(delta);
	const hash = createHash('sha1').update(`${objectTypes[base.type]} ${size}\0`, 'latin1');
	const chunks = chunkedOutput((chunk) => hash.update(chunk));
	streamDelta(delta, base.data, chunks.output, entry);
	chunks.flush();
	return hash.digest();
}

const noKids: readonly number[] = [];

/** The unresolved deltas of each entry: ofs-deltas in compact arrays, ref-deltas by base id. */
function childrenByBase(table: ObjectTable) {
	const counts = new Uint32Array(table.count + 1);
	const baseIndexes = new Int32Array(table.count).fill(-1);
	for (let index = 0; index < table.count; index++) {
		if (table.types[index] === 0 && table.kinds[index] === entryKind.ofsDelta) {
			const base = table.indexAt(table.baseOffsets[index]!);
			if (base < 0 || base >= index) {
				throw new PackError('The pack is corrupt: a delta points at no entry before it.');
			}

			baseIndexes[index] = base;
			counts[base + 1]!++;
		}
	}

	// counts becomes the start of each base's run in `list`.
	for (let index = 0; index < table.count; index++) counts[index + 1]! += counts[index]!;
	const list = new Int32Array(counts[table.count]!);
	const filled = counts.slice(0, table.count);
	for (let index = 0; index < table.count; index++) {
		const base = baseIndexes[index]!;
		if (base >= 0) list[filled[base]!++] = index;
	}

	const byOid = new Map<string, number[]>();
	for (const [index, oid] of table.refBases) {
		const hex = oid.toString('hex');
		byOid.set(hex, [...(byOid.get(hex) ?? []), index]);
	}

	return {
		of(index: number): readonly number[] {
			const first = counts[index]!;
			const last = counts[index + 1]!;
			const kids = first === last ? noKids : Array.from(list.subarray(first, last));
			if (byOid.size > 0) {
				const hex = table.oidOf(index).toString('hex');
				const waiting = byOid.get(hex);
				if (waiting) {
					byOid.delete(hex);
					return [...kids, ...waiting];
				}
			}

			return kids;
		},
		/** False when no delta can have the entry as its base (a ref-delta might, by an id not yet known). */
		mayHaveKids: (index: number) => counts[index]! !== counts[index + 1]! || byOid.size > 0,
		waitingForExternal: () => [...byOid],
	};
}
