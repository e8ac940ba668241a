/**
 * storePack as isomorphic-git's fetch calls it: the pack is indexed in a worker thread
 * (index-worker.ts) while this thread keeps receiving and demultiplexing it. At most
 * maxInFlight bytes wait for the worker, so the demultiplexer's own bound still holds the
 * download back. The worker is terminated however the store ends (done, failed, or
 * stopped by a progress callback that throws on an interrupt), and its temporary files
 * are removed once it is gone.
 */
import {randomBytes} from 'node:crypto';
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {Worker} from 'node:worker_threads';
import {keepHeapSmallAgain} from '../../core/heap.js';
import {PackError} from './pack-format.js';
import {chunksOf, type PackStream, type StoredPack, type StorePackOptions} from './store-pack.js';
import {type FromWorker, type IndexStart, receiveError, sendError} from './worker-protocol.js';
import {packWorkerUrl} from './worker-url.js';

/**
 * Pack bytes go to the worker through one shared ring, not a buffer per chunk: buffers
 * allocated here and freed there stayed in this thread's malloc heap (~10 MB more RSS).
 * The worker reads the bytes before it acknowledges them. What is in flight (at most
 * maxInFlight plus one piece, plus a skipped end of the ring) never reaches around to
 * where the next piece goes.
 */
const ringBytes = 4 * 1024 * 1024;
const maxInFlight = 1024 * 1024;
const maxPiece = 64 * 1024;
const batchBytes = 256 * 1024;
const flushDelayMs = 5;

export type StoreOptions = Omit<StorePackOptions, 'temporary'>;

/** Resolves with the pack stored, or undefined for an empty pack. */
export async function storePack(
	packfile: PackStream,
	options: StoreOptions,
): Promise<StoredPack | undefined> {
	const packDir = path.join(options.gitdir, 'objects', 'pack');
	mkdirSync(packDir, {recursive: true});
	const temporary = path.join(packDir, `tmp_pack_${randomBytes(6).toString('hex')}`);
	const ring = new Uint8Array(new SharedArrayBuffer(ringBytes));
	const start: IndexStart = {
		role: 'index',
		gitdir: options.gitdir,
		temporary,
		thin: !!options.readExternal,
		ring,
	};
	const worker = new Worker(packWorkerUrl(), {
		workerData: start,
		// The worker's young generation as small as the main thread's (core/heap.ts): V8's
		// flags do not size a worker's heap, and by default it grew to 16 MB.
		resourceLimits: {maxYoungGenerationSizeMb: 3},
	});
	worker.once('online', keepHeapSmallAgain);
	try {
		return await feed(worker, packfile, options, ring);
	} finally {
		await worker.terminate();
		rmSync(temporary, {force: true});
		rmSync(`${temporary}.idx`, {force: true});
	}
}

async function feed(
	worker: Worker,
	packfile: PackStream,
	options: StoreOptions,
	ring: Uint8Array,
): Promise<StoredPack | undefined> {
	let inFlight = 0;
	let drained: (() => void) | undefined;
	// Once the worker fails, the step being awaited (the stream's next chunk, or room in
	// the ring) is given up: a server that declared a huge entry and holds the connection
	// open sends no further byte. One settler at a time: a race of each step against one
	// long-lived promise kept every chunk reachable from it (the whole pack in memory).
	let failure: {error: unknown} | undefined;
	let interrupt: ((error: unknown) => void) | undefined;
	const next = <T>(step: Promise<T>) =>
		new Promise<T>((resolve, reject) => {
			if (failure) reject(failure.error);
			interrupt = reject;
			step.then(resolve, reject);
		});

	const outcome = new Promise<StoredPack | undefined>((resolve, reject) => {
		const fail = (error: unknown) => {
			failure ??= {error};
			reject(error);
			interrupt?.(error);
		};
		worker.on('message', (message: FromWorker) => {
			if ('taken' in message) {
				inFlight -= message.taken;
				if (inFlight <= maxInFlight / 2) drained?.();
			} else if ('progress' in message) {
				// Throws (an interrupt) or rejects: the store stops, and the worker with it.
				Promise.resolve()
					.then(() => options.onProgress?.(message.progress))
					.catch(fail);
			} else if ('readExternal' in message) {
				answerExternal(worker, message.readExternal, options);
			} else if ('done' in message) {
				resolve(message.done);
			} else {
				fail(receiveError(message.failed));
			}
		});
		worker.on('error', fail);
		worker.on('exit', (code) =>
			fail(new PackError(`The pack's indexing stopped (exit code ${code}).`)),
		);
	});
	outcome.catch(() => {});

	// Bytes in the ring from `posted` to `head` are announced in one message once they add up
	// to batchBytes, before waiting for the worker, at the end, and flushDelayMs after the
	// first of them otherwise (a stream that pauses, or a server that sends one entry header
	// and holds the connection: the worker must see it to refuse it). A message per 64 KB
	// chunk cost ~50 µs of this thread's CPU (~0.3 s on a 382 MB pack).
	let head = 0;
	let posted = 0;
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		clearTimeout(timer);
		timer = undefined;
		if (head > posted) worker.postMessage({at: posted, length: head - posted});
		posted = head;
	};

	const chunks = chunksOf(packfile);
	for (let step = await next(chunks.next()); !step.done; step = await next(chunks.next())) {
		const chunk = step.value;
		for (let at = 0; at < chunk.length; at += maxPiece) {
			const piece = chunk.subarray(at, at + maxPiece);
			if (head + piece.length > ring.length) {
				flush();
				head = 0;
				posted = 0;
			}

			ring.set(piece, head);
			head += piece.length;
			inFlight += piece.length;
			if (head - posted >= batchBytes) flush();
			else timer ??= setTimeout(flush, flushDelayMs).unref();

			if (inFlight > maxInFlight) {
				flush();
				await next(
					new Promise<void>((resolve) => {
						drained = resolve;
					}),
				);
				drained = undefined;
			}
		}
	}

	flush();
	worker.postMessage({end: true});
	return outcome;
}

function answerExternal(worker: Worker, oid: string, options: StoreOptions): void {
	options.readExternal!(oid).then(
		(external) => worker.postMessage({external}),
		(error: unknown) => worker.postMessage({externalFailed: sendError(error)}),
	);
}
