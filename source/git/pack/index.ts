/**
 * Git packs in bounded memory, for isomorphic-git's Node path (wired in by
 * source/build/isomorphic-git-patch.js as the module bbtok:git-pack): storePack indexes a
 * pack as it streams to disk, readPackedObject reads objects from packs by offset.
 */
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {objectTypes} from './pack-format.js';
import {PackReader} from './pack-reader.js';
import type {ExternalObject} from './resolve-deltas.js';

export {storePack} from './store-pack.js';

/** Where open readers live in isomorphic-git's per-command cache object. */
const readersKey = Symbol.for('bbtok-tui.packReaders');

type Readers = Map<string, PackReader>;
type Cache = {[readersKey]?: Readers};

export type PackedObject = {type: string; format: 'content'; object: Buffer; source: string};

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
	const holder = cache as Cache;
	holder[readersKey] ??= new Map();
	const readers = holder[readersKey];
	const id = Buffer.from(oid, 'hex');
	for (const fresh of [false, true]) {
		// A miss lists objects/pack again: a fetch may have added a pack since.
		if (fresh && !openNewPacks(readers, gitdir)) break;
		if (!fresh && readers.size === 0) openNewPacks(readers, gitdir);
		for (const [packPath, reader] of readers) {
			const offset = reader.find(id);
			if (offset >= 0) {
				const {type, data} = await reader.read(offset, getExternalRefDelta);
				return {
					type: objectTypes[type]!,
					format: 'content',
					object: data,
					source: path.relative(gitdir, packPath),
				};
			}
		}
	}

	return null;
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
			readers.set(packPath, new PackReader(packPath));
			opened = true;
		}
	}

	return opened;
}

/** Closes the pack files a command opened through `cache` (isomorphic-git's cache option). */
export function closePackReaders(cache: object): void {
	const holder = cache as Cache;
	for (const reader of holder[readersKey]?.values() ?? []) reader.close();
	holder[readersKey]?.clear();
}
