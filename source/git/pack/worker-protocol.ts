/**
 * The messages between a clone and its workers (indexing, index-worker.ts; checkout,
 * checkout-worker.ts), and errors carried across: a
 * structured clone keeps an Error's message but not its class or its code, and callers
 * tell a corrupt pack, an oversized object and a full disk apart by those.
 */
import {OversizedObjectError, PackError} from './pack-format.js';
import type {PackIndexData} from './pack-reader.js';
import type {ExternalObject} from './resolve-deltas.js';
import type {GitProgress, StoredPack} from './store-pack.js';
import type {IndexStats, WorkTreeTask} from './work-tree-files.js';

/** What starts a worker of the one bundle (pack-worker.ts): indexing or checkout. */
export type WorkerStart = IndexStart | CheckoutStart;

export type IndexStart = {
	role: 'index';
	gitdir: string;
	temporary: string;
	thin: boolean;
	/** Shared with the worker: where the clone puts the pack bytes it sends. */
	ring: Uint8Array;
};

export type ToWorker =
	/** Pack bytes, at `at` in the ring. */
	| {at: number; length: number}
	| {end: true}
	| {external: ExternalObject}
	| {externalFailed: SentError};

export type FromWorker =
	| {progress: GitProgress}
	/** Bytes of the pack the worker has written and parsed. */
	| {taken: number}
	| {readExternal: string}
	| {done: StoredPack | undefined}
	| {failed: SentError};

export type CheckoutStart = {
	role: 'checkout';
	dir: string;
	gitdir: string;
	/**
	 * Shared by the checkout's workers: [0] is held while a large delta is written (one at a
	 * time across them, bounding memory), [1] set when the checkout stops.
	 */
	shared: Int32Array;
	/** The worker's part of the delta-base cache's budget. */
	baseBytes: number;
	/** By pack path, the index data of packs the clone has open, in shared memory. */
	indexes: ReadonlyMap<string, PackIndexData>;
};

export type ToCheckout = {tasks: WorkTreeTask[]} | {end: true};

/** A batch's index stats, null for a folder, in the order of its tasks; or why it failed. */
export type FromCheckout = {written: (IndexStats | null)[]} | {failed: SentError};

export type SentError = {
	kind: 'pack' | 'oversized' | 'other';
	message: string;
	incomplete?: boolean;
	size?: number;
	entry?: number;
	/** A system error's fields (ENOSPC, EACCES…), which local-failures.ts reads. */
	code?: string;
	errno?: number;
	syscall?: string;
	path?: string;
};

export function sendError(error: unknown): SentError {
	if (error instanceof OversizedObjectError) {
		return {
			kind: 'oversized',
			message: error.message,
			size: error.size,
			...(error.entry === undefined ? {} : {entry: error.entry}),
		};
	}

	if (error instanceof PackError) {
		return {kind: 'pack', message: error.message, incomplete: error.incomplete};
	}

	const {code, errno, syscall, path} = error as NodeJS.ErrnoException;
	return {
		kind: 'other',
		message: error instanceof Error ? error.message : String(error),
		...(typeof code === 'string' ? {code} : {}),
		...(typeof errno === 'number' ? {errno} : {}),
		...(typeof syscall === 'string' ? {syscall} : {}),
		...(typeof path === 'string' ? {path} : {}),
	};
}

export function receiveError(sent: SentError): Error {
	if (sent.kind === 'oversized') return new OversizedObjectError(sent.size!, sent.entry);
	if (sent.kind === 'pack') return new PackError(sent.message, sent.incomplete);
	const {kind: _, message, ...fields} = sent;
	return Object.assign(new Error(message), fields);
}
