/**
 * A checkout worker: writes the batches of work-tree entries the main thread hands it
 * (work-tree.ts), and answers each with the entries' index stats. A clone runs two or more,
 * so the file system's work for thousands of small files, which is most of a checkout's
 * time, runs on every core.
 */
import {parentPort} from 'node:worker_threads';
import {WorkTreeWriter} from './work-tree-files.js';
import {sharedTurns, stopped} from './work-tree-shared.js';
import {
	type CheckoutStart,
	type FromCheckout,
	sendError,
	type ToCheckout,
} from './worker-protocol.js';

export function runCheckoutWorker(start: CheckoutStart): void {
	const port = parentPort!;
	const send = (message: FromCheckout) => port.postMessage(message);
	const writer = new WorkTreeWriter(start.dir, start.gitdir, {
		exclusive: sharedTurns(start.shared),
		baseBytes: start.baseBytes,
		indexes: start.indexes,
	});
	// One message at a time: the end waits for the batch being written (a large blob streams).
	let turn = Promise.resolve();
	port.on('message', (message: ToCheckout) => {
		turn = turn.then(() => handle(message));
	});

	async function handle(message: ToCheckout): Promise<void> {
		if ('end' in message) {
			writer.close();
			port.close();
			return;
		}

		try {
			const written = [];
			for (const task of message.tasks) {
				// The checkout stopped (a failure elsewhere, or an interrupt): no further file.
				if (stopped(start.shared)) break;
				written.push((await writer.write(task)) ?? null);
			}

			send({written});
		} catch (error) {
			send({failed: sendError(error)});
		}
	}
}
