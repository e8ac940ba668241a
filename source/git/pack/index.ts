/**
 * Git packs in bounded memory, for isomorphic-git's Node path (wired in by
 * source/build/isomorphic-git-patch.js as the module bbtok:git-pack): storePack indexes a
 * pack as it streams to disk, readPackedObject reads objects from packs by offset, and
 * writeWorkTree writes a fresh clone's work tree on worker threads, and its index.
 */
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {objectTypes} from './pack-format.js';
import {type PackIndexData, PackReader} from './pack-reader.js';
import {type StoreOptions, storePack as storeWithWorker} from './pack-worker-client.js';
import type {ExternalObject} from './resolve-deltas.js';
import type {PackStream} from './store-pack.js';
import {checkoutBlob} from './stream-blob.js';
import {writeWorkTree as writeWithWriters} from './work-tree.js';
import {writeWorkTreeIndex} from './work-tree-index.js';

/** Where open readers live in isomorphic-git's per-command cache object. */
const readersKey = Symbol.for('bbtok-tui.packReaders');

/** By pack path: its reader, and its path from gitdir (isomorphic-git's `source` of an object). */
type Readers = Map<string, {reader: PackReader; source: string}>;
type Cache = {[readersKey]?: Readers};

export type PackedObject = {type: string; format: 'content'; object: Buffer; source: string};

/**
 * isomorphic-git's fetch: stores the pack as it streams in (pack-worker-client.ts), and opens
 * its reader in `cache` on the index the indexing worker built, so that neither the tree walk
 * nor the checkout's writers read the .idx back. The pack's path relative to gitdir, or
 * undefined for an empty pack.
 */
export async function storePack(
	packfile: PackStream,
	options: StoreOptions & {cache: object},
): Promise<string | undefined> {
	const {cache, ...rest} = options;
	const stored = await storeWithWorker(packfile, rest);
	if (!stored) return undefined;
	const packPath = path.join(options.gitdir, stored.path);
	readersOf(cache).set(packPath, {
		reader: new PackReader(packPath, undefined, stored.index),
		source: stored.path,
	});
	return stored.path;
}

/** isomorphic-git's readObjectPacked: the object from whichever pack holds it, or null. */
export async function readPackedObject({
	cache,
	gitdir,
	oid,
	getExternalRefDelta,
}: {
	cache: object;
	gitdir: string;
	oid: string;
	getExternalRefDelta?: (oid: string) => Promise<ExternalObject>;
}): Promise<PackedObject | null> {
	const found = locate(cache, gitdir, oid);
	if (!found) return null;
	const {type, data} = await found.reader.read(found.offset, getExternalRefDelta);
	return {type: objectTypes[type]!, format: 'content', object: data, source: found.source};
}

/**
 * isomorphic-git's updateWorkingDir for a regular or executable file: writes a large blob
 * of a pack into `filepath` (streamed when stored whole, one at a time when a delta).
 * False, having written nothing, for a small or loose object, which is then read whole.
 */
export async function checkoutLargeBlob({
	cache,
	gitdir,
	oid,
	filepath,
	executable,
	replace,
}: {
	cache: object;
	gitdir: string;
	oid: string;
	filepath: string;
	executable: boolean;
	replace: boolean;
}): Promise<boolean> {
	const found = locate(cache, gitdir, oid);
	if (!found) return false;
	return checkoutBlob(found.reader, found.offset, {
		filepath,
		mode: executable ? 0o777 : 0o666,
		replace,
	});
}

/** Each object id looked up by locate(), decoded into one buffer. */
const lookupId = Buffer.alloc(20);

/** The pack holding `oid` and its offset there, from the readers open in `cache`. */
function locate(
	cache: object,
	gitdir: string,
	oid: string,
): {reader: PackReader; offset: number; source: string} | undefined {
	const readers = readersOf(cache);
	// A Buffer per object read was ~8% of the tree walk.
	const id = lookupId;
	if (id.write(oid, 'hex') !== id.length) return undefined; // Not an object id.

	for (const fresh of [false, true]) {
		// A miss lists objects/pack again: a fetch may have added a pack since.
		if (fresh && !openNewPacks(readers, gitdir)) break;
		if (!fresh && readers.size === 0) openNewPacks(readers, gitdir);
		for (const {reader, source} of readers.values()) {
			const offset = reader.find(id);
			if (offset >= 0) return {reader, offset, source};
		}
	}

	return undefined;
}

function readersOf(cache: object): Readers {
	const holder = cache as Cache;
	holder[readersKey] ??= new Map();
	return holder[readersKey];
}

/** Opens readers for packs not open yet; false when there were none. */
function openNewPacks(readers: Readers, gitdir: string): boolean {
	const packDir = path.join(gitdir, 'objects', 'pack');
	let opened = false;
	let names: string[];
	try {
		names = readdirSync(packDir);
	} catch {
		return false;
	}

	for (const name of names.filter((entry) => entry.endsWith('.idx'))) {
		const packPath = path.join(packDir, name.replace(/\.idx$/, '.pack'));
		if (!readers.has(packPath)) {
			readers.set(packPath, {
				reader: new PackReader(packPath),
				source: path.relative(gitdir, packPath),
			});
			opened = true;
		}
	}

	return opened;
}

/** Closes the pack files a command opened through `cache` (isomorphic-git's cache option). */
export function closePackReaders(cache: object): void {
	const holder = cache as Cache;
	for (const {reader} of holder[readersKey]?.values() ?? []) reader.close();
	holder[readersKey]?.clear();
}

/**
 * isomorphic-git's second pass of a checkout (work-tree.ts), and the index of what it wrote
 * (work-tree-index.ts); false, having written nothing, for a plan that is not a fresh
 * checkout's. The writers read the pack through readers of their own, on the index data of
 * the command's (one copy in shared memory): the command's, with the tree walk's delta bases
 * in their cache (up to 8 MB), are closed first, and opened again should anything read after.
 */
export async function writeWorkTree(
	options: Omit<Parameters<typeof writeWithWriters>[0], 'indexes'> & {cache: object},
): Promise<boolean> {
	const {cache, ...rest} = options;
	const indexes = new Map<string, PackIndexData>();
	for (const [packPath, {reader}] of readersOf(cache)) indexes.set(packPath, reader.indexData);
	closePackReaders(cache);
	const entries = await writeWithWriters({...rest, indexes});
	if (!entries) return false;
	await writeWorkTreeIndex(rest.gitdir, entries);
	return true;
}
