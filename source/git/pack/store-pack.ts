/**
 * Stores a pack as it arrives from the server: spooled to a temporary file in objects/pack
 * while its entries are indexed, deltas resolved from the file, the .idx written, then the
 * pack renamed to pack-<checksum>.pack, as git does. A failure leaves no file behind.
 * This runs in the indexing worker (index-worker.ts); pack-worker-client.ts feeds it.
 */
import {closeSync, openSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {writeIdx} from './idx-file.js';
import {collectLargeGarbage} from './large-garbage.js';
import {type IngestResult, PackIngest} from './pack-ingest.js';
import type {PackIndexData} from './pack-reader.js';
import {type ExternalObject, resolveDeltas} from './resolve-deltas.js';

/** What isomorphic-git hands over: its FIFO of demultiplexed pack bytes, or any async iterable. */
export type PackStream =
	| AsyncIterable<Uint8Array>
	| {next(): Promise<{value?: Uint8Array; done?: boolean}>};

export type GitProgress = {phase: string; loaded: number; total: number};

export type StorePackOptions = {
	gitdir: string;
	/** Where the pack is spooled, in objects/pack: the caller removes it, should this thread be stopped. */
	temporary: string;
	/** isomorphic-git's onProgress: `Receiving objects` while entries are indexed, then `Resolving deltas`. */
	onProgress?: (progress: GitProgress) => Promise<void> | void;
	readExternal?: (oid: string) => Promise<ExternalObject>;
};

/** A stored pack: its path relative to gitdir, and its index for the pack's readers. */
export type StoredPack = {path: string; index: PackIndexData};

/** Resolves with the pack stored, or undefined for an empty pack. */
export async function indexPack(
	packfile: PackStream,
	options: StorePackOptions,
): Promise<StoredPack | undefined> {
	const {temporary} = options;
	const packDir = path.dirname(temporary);
	const fd = openSync(temporary, 'w+', 0o444);
	const written: string[] = [temporary];
	try {
		const receiving = percentReporter('Receiving objects', options.onProgress);
		const result = await receive(packfile, fd, receiving);
		if (!result || result.table.count === 0) {
			return undefined;
		}

		const {table, packSha} = result;
		// The first pass's buffers are garbage: freed before the second pass reads objects back.
		if (table.resolvedCount < table.count) collectLargeGarbage();
		await receiving(table.count, table.count);
		const resolving = percentReporter('Resolving deltas', options.onProgress);
		await resolveDeltas(table, fd, {
			...(options.readExternal ? {readExternal: options.readExternal} : {}),
			onProgress: (resolved) => resolving(resolved, table.count),
		});
		await resolving(table.count, table.count);

		const name = `pack-${packSha.toString('hex')}`;
		const idx = writeIdx(table, packSha);
		const packPath = path.join(packDir, `${name}.pack`);
		renameSync(temporary, packPath);
		written[0] = packPath;
		// The .idx appears last, and whole: a reader never sees it without its pack.
		const idxTemporary = `${temporary}.idx`;
		written.push(idxTemporary);
		writeFileSync(idxTemporary, idx, {mode: 0o444});
		renameSync(idxTemporary, path.join(packDir, `${name}.idx`));
		written.length = 0;
		return {path: `objects/pack/${name}.pack`, index: {idx, starts: table.offsets}};
	} finally {
		closeSync(fd);
		for (const file of written) rmSync(file, {force: true});
	}
}

/**
 * The first pass: each entry parsed as it arrives (pack-ingest.ts). Its buffers, an 8 MB
 * ring of recent objects among them, are left behind with this call's frame, not held
 * while the deltas left over are resolved.
 */
async function receive(
	packfile: PackStream,
	fd: number,
	receiving: (loaded: number, total: number) => Promise<void> | void,
): Promise<IngestResult | undefined> {
	const ingest = new PackIngest(fd);
	for await (const chunk of chunksOf(packfile)) {
		ingest.push(chunk);
		const {parsed, total} = ingest.progress;
		if (total !== undefined) await receiving(parsed, total);
	}

	return ingest.finish();
}

export async function* chunksOf(stream: PackStream): AsyncGenerator<Uint8Array> {
	if (Symbol.asyncIterator in stream) {
		yield* stream;
		return;
	}

	for (;;) {
		const {value, done} = await stream.next();
		if (value && value.length > 0) yield value;
		if (done) return;
	}
}

/** Reports a phase to isomorphic-git's onProgress whenever its whole percentage changes. */
function percentReporter(
	phase: string,
	onProgress: StorePackOptions['onProgress'],
): (loaded: number, total: number) => Promise<void> | void {
	let last = -1;
	return (loaded, total) => {
		const percent = Math.floor((loaded * 100) / Math.max(total, 1));
		if (percent === last || !onProgress) return;
		last = percent;
		return onProgress({phase, loaded, total});
	};
}
