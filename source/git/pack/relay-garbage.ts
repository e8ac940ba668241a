/**
 * With the pack indexed in a worker, the main thread only relays the response's buffers
 * (64 KB each, from undici and isomorphic-git's demultiplexer). They die young but hold
 * their bytes outside V8's heap, and a thread that allocates little else is hardly ever
 * collected: a full collection after every 32 MB relayed frees them; on the main thread's
 * ~20 MB heap it takes a few ms. Node has no other way to ask for one than exposing gc
 * (as large-garbage.ts does).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const collectEvery = 32 * 1024 * 1024;

let collect: (() => void) | undefined;

export class GarbageCounter {
	private sinceCollected = 0;

	/** Counts bytes relayed (garbage soon); collects when they add up. */
	count(bytes: number): void {
		this.sinceCollected += bytes;
		if (this.sinceCollected < collectEvery) return;
		this.sinceCollected = 0;
		if (!collect) {
			v8.setFlagsFromString('--expose-gc');
			collect = vm.runInNewContext('gc') as () => void;
			v8.setFlagsFromString('--no-expose-gc');
		}

		collect();
	}
}
