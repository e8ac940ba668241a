/**
 * What a clone refuses to write, checked on the fetched tree before a single file is checked
 * out. isomorphic-git already refuses names that leave the work tree or reach `.git` (`..`,
 * `a/b`, `.GIT`, `.git.`, `git~1`, `.g\u200Cit`) and writes through no symlink it made; it
 * does not refuse two entries of one name (the later one replacing a symlink or a folder of
 * the earlier one), symlinks git itself refuses, or paths no filesystem can hold. A refused
 * repository is reported as such: retrying cannot help. The walk that checks the tree also
 * plans the fresh clone's checkout, so isomorphic-git does not read the tree a second time.
 */
import fs from 'node:fs';
import {access, readdir} from 'node:fs/promises';
import path from 'node:path';
import git, {type ProgressCallback} from 'isomorphic-git';
import {BbtokError} from '../core/errors.js';
import {printable} from '../core/terminal-text.js';
import {folderTakenCode} from './pack/work-tree-files.js';
import {walkTree} from './tree-walk.js';

/** Linux's limits (NAME_MAX, PATH_MAX): a longer path fails half-way through a checkout. */
const maxNameBytes = 255;
const maxPathBytes = 4096;
const symlinkMode = 0o120000;

/** Files git reads from the work tree: a symlink there could make git read outside it (git refuses them too). */
const readByGit = new Set(['.gitmodules', '.gitattributes', '.gitignore', '.mailmap']);

export class UnsafeRepositoryError extends BbtokError {
	override readonly name = 'UnsafeRepositoryError';

	constructor(repository: string, filepath: string, why: string, cause?: unknown) {
		super(
			`Refused to clone ${repository} for safety: the path ${shown(filepath)} ${why}; nothing was written.`,
			cause === undefined ? {} : {cause},
		);
	}
}

/** More than `limit` bytes in UTF-8, counted only when it could be (3 bytes at most a UTF-16 unit). */
function longerThan(text: string, limit: number): boolean {
	return text.length * 3 > limit && Buffer.byteLength(text) > limit;
}

/** Characters HFS+ ignores in names: spelled out, so `.g\u200cit` does not read as `.git`. */
const ignorable = /[\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/g;

function shown(filepath: string): string {
	const text = printable(filepath);
	const cut = text.length > 120 ? `${text.slice(0, 117)}...` : text;
	return JSON.stringify(cut.replace(ignorable, (character) => `<U+${hex(character)}>`));
}

function hex(character: string): string {
	return character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

const printableAscii = /^[\x20-\x7e]*$/;

/**
 * How a name is seen by a case-insensitive or normalising filesystem (macOS, Windows): HFS+
 * ignores some invisible characters, NTFS trailing dots and spaces.
 */
function folded(name: string): string {
	// Printable ASCII holds nothing to drop or normalise: most names, at a fraction of the cost.
	if (printableAscii.test(name)) return name.toLowerCase().replace(/[. ]+$/, '');
	return name
		.replace(ignorable, '')
		.normalize('NFC')
		.toLowerCase()
		.replace(/[. ]+$/, '');
}

/**
 * What isomorphic-git's checkout does to an empty work tree without an index, entry by entry
 * in the order its analysis lists them: a folder, a file (blob id, mode) or a gitlink.
 */
export type CheckoutOp =
	| ['mkdir', string]
	| ['create', string, string, number]
	| ['mkdir-index', string, string, number];

/**
 * Where the checkout's patch (source/build/isomorphic-git-patch.js) takes a plan for commit
 * `oid` from isomorphic-git's cache instead of analysing the tree, work tree and index again.
 */
export const checkoutPlanKey = Symbol.for('bbtok-tui.checkoutPlan');

export type CheckoutPlan = {oid: string; ops: CheckoutOp[]};

/**
 * Throws UnsafeRepositoryError for the first path of commit `oid`'s tree this clone must not
 * write; returns what a checkout of that tree into an empty work tree does. isomorphic-git
 * refuses `..`, `.git` and the like as it parses each tree, so this walk raises those too.
 */
export async function assertSafeTree(options: {
	dir: string;
	oid: string;
	repository: string;
	signal?: AbortSignal | undefined;
	/** isomorphic-git's cache, shared with the checkout that follows (it holds the open pack readers). */
	cache?: object;
	/** Told the count of entries walked after each folder ('Analyzing workdir', as isomorphic-git's analysis). */
	onProgress?: ProgressCallback | undefined;
}): Promise<CheckoutOp[]> {
	const cache = options.cache ?? {};
	const refuse = (filepath: string, why: string): never => {
		throw new UnsafeRepositoryError(options.repository, filepath, why);
	};

	// In the order isomorphic-git's analysis lists the entries: each folder before its
	// entries, those in the order of the parsed tree.
	const ops: CheckoutOp[] = [];
	try {
		await walkTree(
			{dir: options.dir, oid: options.oid, cache, signal: options.signal},
			{
				entry: (filepath, {path: name, mode: octal, oid, type}) => {
					if (longerThan(name, maxNameBytes)) {
						refuse(filepath, `has a name longer than ${maxNameBytes} bytes`);
					}

					if (longerThan(filepath, maxPathBytes)) {
						refuse(filepath, `is longer than ${maxPathBytes} bytes`);
					}

					const mode = Number.parseInt(octal, 8);
					if (mode === symlinkMode && readByGit.has(folded(name))) {
						refuse(filepath, 'is a symlink where git reads a file');
					}

					ops.push(
						type === 'tree'
							? ['mkdir', filepath]
							: [type === 'commit' ? 'mkdir-index' : 'create', filepath, oid, mode],
					);
				},
				folderDone: async (_folder, entries, paths) => {
					// Names that differ only in case are legitimate on Linux (and in its kernel's tree);
					// with a symlink among them, or spelled the same, one would be written through the other.
					const seen = new Map<string, {name: string; filepath: string; symlink: boolean}>();
					for (const [at, {path: name, mode}] of entries.entries()) {
						const child = {name, filepath: paths[at]!, symlink: mode === '120000'};
						const key = folded(name);
						const earlier = seen.get(key);
						if (earlier && (earlier.name === name || earlier.symlink || child.symlink)) {
							refuse(child.filepath, `clashes with ${shown(earlier.filepath)} in the same folder`);
						}

						seen.set(key, child);
					}

					// Once a folder: an await an entry was ~5% of the walk.
					await options.onProgress?.({phase: 'Analyzing workdir', loaded: ops.length, total: 0});
				},
			},
		);
	} catch (error) {
		throw unsafeOrSame(error, options.repository);
	}

	return ops;
}

/** isomorphic-git's own refusal, told as a refusal for safety; anything else unchanged. */
export function unsafeOrSame(error: unknown, repository: string): unknown {
	const {code, data, path} = error as {code?: unknown; data?: {filepath?: unknown}; path?: unknown};
	if (code === 'UnsafeFilepathError' && typeof data?.filepath === 'string') {
		return new UnsafeRepositoryError(
			repository,
			data.filepath,
			'would be written outside the folder or into .git',
			error,
		);
	}

	// The checkout's writers (pack/work-tree-files.ts), in this thread or a worker (the code
	// and path cross threads).
	if (code === folderTakenCode && typeof path === 'string') {
		return new UnsafeRepositoryError(
			repository,
			path,
			'is a folder whose name this filesystem gives to another entry',
			error,
		);
	}

	return error;
}

/** Checks out HEAD's branch of the fresh clone in `dir`, after assertSafeTree has passed its tree. */
export async function checkoutSafely(
	dir: string,
	repository: string,
	onProgress: ProgressCallback,
	signal: AbortSignal | undefined,
	cache: object,
): Promise<void> {
	const branch = await git.currentBranch({fs, dir});
	const oid = await git.resolveRef({fs, dir, ref: 'HEAD'}).catch(() => undefined);
	if (branch === undefined || oid === undefined) {
		return; // An empty repository: nothing to check out.
	}

	const ops = await assertSafeTree({dir, oid, repository, signal, cache, onProgress});
	// The walk's plan is the checkout's whole analysis only while nothing but .git is there; that
	// analysis read the tree again beside an empty work tree and a missing index (0.26-0.56 s of
	// failed reads and garbage for the 5,700 entries of the real-shaped benchmark).
	if (await isFresh(dir)) {
		(cache as Record<symbol, CheckoutPlan>)[checkoutPlanKey] = {oid, ops};
	}

	try {
		// A fresh tree is written by source/git/pack/work-tree.ts, in batches that report progress
		// (where an interrupt stops every writer). Any other plan takes isomorphic-git's batched
		// path: each file of a batch is in memory at once, and 3, not 100, bounds that for large
		// files (peak RSS on a pack of 16 MB files 450 → 307 MB; no slower on small files).
		await git.checkout({fs, dir, ref: branch, nonBlocking: true, batchSize: 3, onProgress, cache});
	} catch (error) {
		throw unsafeOrSame(error, repository);
	}
}

/** A work tree holding only `.git`, and no index (a clone that has not checked out yet). */
async function isFresh(dir: string): Promise<boolean> {
	const names = await readdir(dir);
	if (names.length !== 1 || names[0] !== '.git') return false;
	return access(path.join(dir, '.git', 'index')).then(
		() => false,
		() => true,
	);
}
