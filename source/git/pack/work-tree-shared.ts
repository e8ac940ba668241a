/**
 * What a checkout's writers share across threads, in one small SharedArrayBuffer: a lock
 * that lets one large delta be written at a time (its base and its result are whole in
 * memory), and a flag that stops every writer at its next entry.
 */
import type {Exclusive} from './stream-blob.js';

const lockSlot = 0;
const stopSlot = 1;

export function sharedState(): Int32Array {
	return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * Large deltas one at a time across threads. A writer waits blocked: it writes one entry
 * at a time, so it holds nothing another writer needs while it waits.
 */
export function sharedTurns(shared: Int32Array): Exclusive {
	return async (write) => {
		while (Atomics.compareExchange(shared, lockSlot, 0, 1) !== 0) {
			Atomics.wait(shared, lockSlot, 1, 100);
		}

		await holding(shared, write);
	};
}

/** The same turns for the main thread, which must not block: it polls instead of waiting. */
export async function turnsWithoutBlocking(
	shared: Int32Array,
	write: () => Promise<void>,
): Promise<void> {
	while (Atomics.compareExchange(shared, lockSlot, 0, 1) !== 0) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}

	await holding(shared, write);
}

/** Runs `write` with the lock taken, and gives it back however `write` ends. */
async function holding(shared: Int32Array, write: () => Promise<void>): Promise<void> {
	try {
		await write();
	} finally {
		Atomics.store(shared, lockSlot, 0);
		Atomics.notify(shared, lockSlot);
	}
}

export function stop(shared: Int32Array): void {
	Atomics.store(shared, stopSlot, 1);
}

export function stopped(shared: Int32Array): boolean {
	return Atomics.load(shared, stopSlot) === 1;
}
