/**
 * The work tree of a fresh clone, written in batches by this thread and checkout workers
 * (checkout-worker.ts), with synchronous file calls (work-tree-files.ts). isomorphic-git's
 * checkout wrote it three files at a time, each through a chain of promises and thread-pool
 * calls: on the real-shaped benchmark (2,501 files in 3,211 folders) that took 2.3–3.1 s,
 * and this ~0.6 s on tmpfs. Where each new file and folder costs the disk's own time in the
 * kernel (ext4 on the VMs measured: 100–700 µs each), two writers took ~35% less time than
 * one; on tmpfs they gained nothing. Its analysis of what to write is kept; only a plan
 * that just creates (folders, files, symlinks, submodule folders) is written here, and the
 * index stats come back for work-tree-index.ts to record. Any other plan is left to it.
 */
import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';
import {keepHeapSmallAgain} from '../../core/heap.js';
import {PackError} from './pack-format.js';
import {baseCacheBytes, type PackIndexData} from './pack-reader.js';
import {
	gitlinkMode,
	type IndexStats,
	treeMode,
	type WorkTreeTask,
	WorkTreeWriter,
} from './work-tree-files.js';
import type {IndexEntry} from './work-tree-index.js';
import {sharedState, stop, stopped, turnsWithoutBlocking} from './work-tree-shared.js';
import {type CheckoutStart, type FromCheckout, receiveError} from './worker-protocol.js';
import {packWorkerUrl} from './worker-url.js';

/** One of isomorphic-git's planned checkout operations: [method, path, oid?, mode?]. */
type Operation = [method: string, fullpath: string, oid?: string, mode?: number];

type Progress = (progress: {phase: string; loaded: number; total: number}) => unknown;

/** Entries per message to a worker: a few ms of writing, so the message costs little. */
const batchSize = 32;

/**
 * Fewer files are written on the main thread: starting a worker (~30 ms) would cost more
 * than it saves.
 */
const inlineBelow = 200;

/** Writers at most (this thread and workers), whatever the cores: measured on two only. */
const maxWriters = 4;

const fileModes = new Set([0o100644, 0o100755, 0o120000]);

/**
 * Writes the planned work tree and returns its index entries; undefined, having written
 * nothing, when the plan is not a fresh checkout's.
 */
export async function writeWorkTree({
	dir,
	gitdir,
	ops,
	indexes,
	onProgress,
}: {
	dir: string;
	gitdir: string;
	ops: readonly Operation[];
	/** By pack path, the index data of the packs already open: every writer reads through it. */
	indexes: ReadonlyMap<string, PackIndexData>;
	onProgress?: Progress;
}): Promise<IndexEntry[] | undefined> {
	const tasks = tasksOf(ops);
	if (!tasks) return undefined;
	const total = tasks.filter(([, , mode]) => mode !== treeMode).length;
	const shared = sharedState();
	// This thread writes too: it has nothing else to do meanwhile, and each worker costs
	// ~15 MB (its heap and its cache of delta bases; the pack index is shared).
	const workers = total < inlineBelow ? 0 : Math.min(maxWriters, availableParallelism()) - 1;
	// The writers share one delta-base budget, as one checkout thread had it.
	const baseBytes = Math.floor(baseCacheBytes / (workers + 1));
	const hosts = [
		inlineHost({dir, gitdir, shared, baseBytes, indexes}),
		...Array.from({length: workers}, () =>
			workerHost({role: 'checkout', dir, gitdir, shared, baseBytes, indexes}),
		),
	];

	const entries: IndexEntry[] = [];
	let next = 0;
	let failure: {error: unknown} | undefined;
	const lane = async (host: Host) => {
		while (!failure && next < tasks.length) {
			const batch = tasks.slice(next, next + batchSize);
			next += batch.length;
			try {
				const written = await host.write(batch);
				written.forEach((stats, at) => {
					if (stats) entries.push({filepath: batch[at]![0], oid: batch[at]![1], stats});
				});
				// Throws on an interrupt: every writer stops at its next entry.
				await onProgress?.({phase: 'Updating workdir', loaded: entries.length, total});
			} catch (error) {
				failure ??= {error};
				stop(shared);
			}
		}
	};

	try {
		await Promise.all(hosts.flatMap((host) => Array.from({length: host.lanes}, () => lane(host))));
	} finally {
		await Promise.all(hosts.map((host) => host.close()));
	}

	if (failure) throw failure.error;
	return entries;
}

/** The plan as writer tasks, in its order (folders before what they hold); undefined if not only creations. */
function tasksOf(ops: readonly Operation[]): WorkTreeTask[] | undefined {
	const tasks: WorkTreeTask[] = [];
	for (const [method, fullpath, oid, mode] of ops) {
		if (method === 'mkdir') tasks.push([fullpath, '', treeMode]);
		else if (method === 'mkdir-index') tasks.push([fullpath, oid!, gitlinkMode]);
		else if (method === 'create' && fileModes.has(mode!)) tasks.push([fullpath, oid!, mode!]);
		else return undefined;
	}

	return tasks;
}

/** Where a batch is written: a worker, or this thread. */
type Host = {
	/** Batches it is given at once. */
	lanes: number;
	write(tasks: WorkTreeTask[]): Promise<(IndexStats | null)[]>;
	close(): Promise<void>;
};

function inlineHost({dir, gitdir, shared, baseBytes, indexes}: Omit<CheckoutStart, 'role'>): Host {
	// Large deltas take turns with the workers' without blocking this thread.
	const writer = new WorkTreeWriter(dir, gitdir, {
		exclusive: (write) => turnsWithoutBlocking(shared, write),
		baseBytes,
		indexes,
	});
	return {
		lanes: 1,
		async write(tasks) {
			const written = [];
			for (const task of tasks) {
				if (stopped(shared)) break;
				written.push((await writer.write(task)) ?? null);
			}

			// The writes are synchronous: let a signal's handler and the workers' answers in.
			await new Promise(setImmediate);
			return written;
		},
		async close() {
			writer.close();
		},
	};
}

type Pending = {resolve(written: (IndexStats | null)[]): void; reject(error: unknown): void};

function workerHost(start: CheckoutStart): Host {
	const worker = new Worker(packWorkerUrl(), {
		workerData: start,
		// As the indexing worker's (pack-worker-client.ts): V8's default young generation is 16 MB.
		resourceLimits: {maxYoungGenerationSizeMb: 3},
	});
	worker.once('online', keepHeapSmallAgain);
	// Answered in the order asked: the worker writes one batch after another.
	const pending: Pending[] = [];
	const failAll = (error: unknown) => {
		for (const waiting of pending.splice(0)) waiting.reject(error);
	};

	worker.on('message', (message: FromCheckout) => {
		const waiting = pending.shift();
		if ('failed' in message) waiting?.reject(receiveError(message.failed));
		else waiting?.resolve(message.written);
	});
	worker.on('error', failAll);
	const exited = new Promise<void>((resolve) => {
		worker.once('exit', (code) => {
			failAll(new PackError(`The checkout stopped (exit code ${code}).`));
			resolve();
		});
	});
	return {
		// A second batch waits in the worker while this thread writes one of its own, when it
		// could not hand the worker its next.
		lanes: 2,
		write: (tasks) =>
			new Promise((resolve, reject) => {
				pending.push({resolve, reject});
				worker.postMessage({tasks});
			}),
		async close() {
			worker.postMessage({end: true});
			await exited;
		},
	};
}
