/**
 * Writes the entries of a fresh clone's work tree, one after another, with synchronous
 * calls: each file costs its few system calls and nothing else, where isomorphic-git's
 * checkout spent a promise, a thread-pool round trip and an lstat per call. Objects are
 * read by offset from the clone's packs (pack-reader.ts); large blobs stream
 * (stream-blob.ts). A writer runs in a checkout worker (checkout-worker.ts) or, for a
 * small tree, on the main thread (work-tree.ts).
 *
 * Nothing is written through a symlink: every leading folder of a path is one this
 * writer made, or one lstat shows to be a real folder (another writer made it), and files
 * are opened with O_NOFOLLOW. assertSafeTree (safe-paths.ts) has refused unsafe names and
 * entries of one name before any of this runs.
 */
import {
	type BigIntStats,
	closeSync,
	constants,
	fstatSync,
	lstatSync,
	mkdirSync,
	openSync,
	readdirSync,
	symlinkSync,
} from 'node:fs';
import path from 'node:path';
import {Inflater} from './inflater.js';
import {countStreamed} from './large-garbage.js';
import {entryKind, PackError} from './pack-format.js';
import {type PackIndexData, PackReader} from './pack-reader.js';
import {checkoutBlob, type Exclusive, writeFullySync} from './stream-blob.js';

/** A tree entry to write: its path in the work tree, its object id and its git mode. */
export type WorkTreeTask = [filepath: string, oid: string, mode: number];

/** The code of the error for a folder whose name the filesystem already gives to another entry. */
export const folderTakenCode = 'FolderTakenError';

export const treeMode = 0o40000;
export const gitlinkMode = 0o160000;
const symlinkMode = 0o120000;
const executableMode = 0o100755;

/**
 * What the index records of a written entry, as isomorphic-git's normalizeStats reads it,
 * in whole seconds and nanoseconds (git compares both).
 */
export type IndexStats = {
	ctimeSeconds: number;
	ctimeNanoseconds: number;
	mtimeSeconds: number;
	mtimeNanoseconds: number;
	dev: number;
	ino: number;
	mode: number;
	uid: number;
	gid: number;
	size: number;
};

const writeFlags =
	constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

export class WorkTreeWriter {
	/** Folders, relative to the work tree, known to be real folders ('' is the work tree). */
	private readonly folders = new Set<string>(['']);
	private readonly readers: PackReader[];
	/** Whole blobs (most files of a checkout) inflate into one reused buffer. */
	private readonly inflater = new Inflater();

	private readonly exclusive: Exclusive | undefined;

	constructor(
		private readonly dir: string,
		gitdir: string,
		options: {
			/** How large deltas take turns (stream-blob.ts): across every writer of one checkout. */
			exclusive?: Exclusive;
			/** This writer's part of the delta-base cache's budget. */
			baseBytes?: number;
			/** By pack path, index data already in memory (any other pack's is read from its .idx). */
			indexes?: ReadonlyMap<string, PackIndexData>;
		} = {},
	) {
		this.exclusive = options.exclusive;
		const packDir = path.join(gitdir, 'objects', 'pack');
		this.readers = readdirSync(packDir)
			.filter((name) => name.endsWith('.idx'))
			.map((name) => {
				const packPath = path.join(packDir, name.replace(/\.idx$/, '.pack'));
				return new PackReader(packPath, options.baseBytes, options.indexes?.get(packPath));
			});
	}

	/** Writes one entry; the index's stats for it, or undefined for a folder (not in the index). */
	async write([filepath, oid, mode]: WorkTreeTask): Promise<IndexStats | undefined> {
		if (mode === treeMode) {
			this.ensureFolder(filepath);
			return undefined;
		}

		const full = path.join(this.dir, filepath);
		if (mode === gitlinkMode) {
			// isomorphic-git records a submodule as its (empty) folder, with the gitlink's mode.
			this.ensureFolder(filepath);
			return indexStats(lstatSync(full, {bigint: true}), mode);
		}

		this.ensureFolder(path.posix.dirname(filepath));
		const {reader, offset} = this.locate(oid);
		if (mode === symlinkMode) {
			symlinkSync((await this.blob(reader, offset)).toString('utf8'), full);
			return indexStats(lstatSync(full, {bigint: true}), mode);
		}

		const createMode = mode === executableMode ? 0o777 : 0o666;
		const file = {filepath: full, mode: createMode, replace: false};
		if (await checkoutBlob(reader, offset, file, this.exclusive)) {
			return indexStats(lstatSync(full, {bigint: true}), mode);
		}

		const data = await this.blob(reader, offset);
		const fd = openSync(full, writeFlags, createMode);
		try {
			writeFullySync(fd, data);
			return indexStats(fstatSync(fd, {bigint: true}), mode);
		} finally {
			closeSync(fd);
		}
	}

	close(): void {
		this.inflater.close();
		for (const reader of this.readers) reader.close();
	}

	private ensureFolder(folder: string): void {
		if (folder === '.' || this.folders.has(folder)) return;
		this.ensureFolder(path.posix.dirname(folder));
		const full = path.join(this.dir, folder);
		try {
			mkdirSync(full);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			// Made by another writer, or a name the filesystem folds onto an earlier entry (a
			// file or symlink "A" where the folder "a" goes, on macOS): refused for safety.
			if (!lstatSync(full).isDirectory()) {
				throw Object.assign(
					new Error(`A folder of the tree is taken by another entry: ${folder}.`),
					{
						code: folderTakenCode,
						path: folder,
					},
				);
			}
		}

		this.folders.add(folder);
	}

	private locate(oid: string): {reader: PackReader; offset: number} {
		const id = Buffer.from(oid, 'hex');
		for (const reader of this.readers) {
			const offset = reader.find(id);
			if (offset >= 0) return {reader, offset};
		}

		throw new PackError(`The clone's pack lacks object ${oid}, which its tree lists.`);
	}

	/**
	 * The content of the blob at `offset`: use it before the next call (a whole blob is a
	 * view into the inflater's buffer). The pieces read and inflated are young garbage,
	 * freed by a scavenge every few MB (large-garbage.ts) instead of piling up outside a
	 * heap that V8 keeps small.
	 */
	private async blob(reader: PackReader, offset: number): Promise<Buffer> {
		const entry = reader.entry(offset);
		if (entry.kind === entryKind.blob) {
			const compressed = reader.compressed(entry);
			const {data} = this.inflater.inflate(compressed, entry.size);
			countStreamed(compressed.length);
			return data;
		}

		const {type, data} = await reader.read(offset);
		if (type !== entryKind.blob) {
			throw new PackError('An object the tree lists as a file is not a blob.');
		}

		countStreamed(data.length);
		return data;
	}
}

const maxUint32 = 2n ** 32n;
const billion = 1_000_000_000n;

/** What the index records of an entry with git mode `mode`, from its lstat or fstat. */
export function indexStats(stats: BigIntStats, mode: number): IndexStats {
	return {
		ctimeSeconds: Number((stats.ctimeNs / billion) % maxUint32),
		ctimeNanoseconds: Number(stats.ctimeNs % billion),
		mtimeSeconds: Number((stats.mtimeNs / billion) % maxUint32),
		mtimeNanoseconds: Number(stats.mtimeNs % billion),
		dev: Number(stats.dev % maxUint32),
		ino: Number(stats.ino % maxUint32),
		mode,
		uid: Number(stats.uid % maxUint32),
		gid: Number(stats.gid % maxUint32),
		size: Number(stats.size % maxUint32),
	};
}
