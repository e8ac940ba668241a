/**
 * The second pass over a pack: the deltas the first pass could not resolve (their base had
 * left its cache) are resolved as git's index-pack does, walking from each resolved base
 * down its tree of deltas, so each entry is inflated once and only the chain being walked
 * is in memory. Entries are read back by offset from the pack file.
 */
import {ByteLru, type Resolved} from './byte-lru.js';
import {applyDelta} from './delta.js';
import type {ObjectTable} from './object-table.js';
import {inflateEntry, PackFile} from './pack-file.js';
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

	const inflateAt = (index: number): Buffer => {
		const dataStart = table.offsets[index]! + table.headerLengths[index]!;
		const compressed = file.bytes(dataStart, table.offsets[index + 1]! - dataStart);
		return inflateEntry(compressed, table.sizes[index]!).data;
	};

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
			const data = applyDelta(inflateAt(child), top.base.data, child + 1);
			table.resolve(child, top.base.type, data);
			const kids = children.of(child);
			if (kids.length > 0) stack.push({base: {type: top.base.type, data}, kids, next: 0});
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
			if (kids.length > 0) await walk(contentOf(index), kids);
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
		waitingForExternal: () => [...byOid],
	};
}
