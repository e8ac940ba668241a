/**
 * Checkout reads each object whole, and a large one (a 16 MB binary) becomes garbage as soon
 * as its file is written. V8 counts such buffers as external memory and collects them only
 * after ~64 MB more of it: on a pack of large files, several dead copies were resident at
 * the peak. After every 32 MB of large objects read, a full collection frees them; on a
 * heap of ~20 MB it costs ~10 ms. Node has no other way to ask for it than exposing gc.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const largeBytes = 1024 * 1024;
const collectEvery = 32 * 1024 * 1024;

let collect: (() => void) | undefined;
let sinceCollected = 0;

/** Counts an object just read; collects the garbage of earlier large ones when they add up. */
export function countLargeRead(size: number): void {
	if (size < largeBytes) return;
	sinceCollected += size;
	if (sinceCollected < collectEvery) return;
	sinceCollected = 0;
	if (!collect) {
		v8.setFlagsFromString('--expose-gc');
		collect = vm.runInNewContext('gc') as () => void;
		v8.setFlagsFromString('--no-expose-gc');
	}

	collect();
}
