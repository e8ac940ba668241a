/**
 * The indexing worker: indexes the pack a clone receives, on a thread of its own, so that
 * receiving and demultiplexing it on the main thread and inflating, hashing and resolving
 * it here use two cores, as `git index-pack` does beside `git fetch`. Chunks come in as
 * messages; each is acknowledged once parsed, so the clone sends no further ahead than a
 * bound (pack-worker-client.ts).
 */
import {parentPort} from 'node:worker_threads';
import type {ExternalObject} from './resolve-deltas.js';
import {indexPack} from './store-pack.js';
import {
	type FromWorker,
	type IndexStart,
	receiveError,
	sendError,
	type ToWorker,
} from './worker-protocol.js';

/** Acknowledged in batches: a message per 64 KB piece was a tenth of the relaying's CPU. */
const ackBytes = 256 * 1024;

export function runIndexWorker(start: IndexStart): void {
	const port = parentPort!;
	const send = (message: FromWorker) => port.postMessage(message);

	const queue: Uint8Array[] = [];
	let ended = false;
	let wake: (() => void) | undefined;
	let external: {resolve(object: ExternalObject): void; reject(error: Error): void} | undefined;

	port.on('message', (message: ToWorker) => {
		if ('at' in message) queue.push(start.ring.subarray(message.at, message.at + message.length));
		else if ('end' in message) ended = true;
		else if ('external' in message) external?.resolve(message.external);
		else external?.reject(receiveError(message.externalFailed));
		wake?.();
	});

	async function* chunks(): AsyncGenerator<Uint8Array> {
		let taken = 0;
		for (;;) {
			const chunk = queue.shift();
			if (chunk) {
				yield chunk;
				taken += chunk.length;
				if (taken >= ackBytes) {
					send({taken});
					taken = 0;
				}
			} else if (ended) {
				return;
			} else {
				if (taken > 0) send({taken});
				taken = 0;
				await new Promise<void>((resolve) => {
					wake = resolve;
				});
				wake = undefined;
			}
		}
	}

	/** A thin pack's base, from the repository the main thread reads. */
	function readExternal(oid: string): Promise<ExternalObject> {
		return new Promise((resolve, reject) => {
			external = {resolve, reject};
			send({readExternal: oid});
		});
	}

	indexPack(chunks(), {
		gitdir: start.gitdir,
		temporary: start.temporary,
		onProgress: (progress) => send({progress}),
		...(start.thin ? {readExternal} : {}),
	})
		.then(
			(done) => send({done}),
			(error: unknown) => send({failed: sendError(error)}),
		)
		.finally(() => port.close());
}
