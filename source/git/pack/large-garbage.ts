/**
 * Checkout reads each object whole, and a large one (a 16 MB binary) becomes garbage as soon
 * as its file is written. V8 counts such buffers as external memory and collects them only
 * after ~64 MB more of it: on a pack of large files, several dead copies were resident at
 * the peak. After every 32 MB of large objects read, a full collection frees them; on a
 * heap of ~20 MB it costs ~10 ms. Node has no other way to ask for it than exposing gc.
 *
 * The checkout's smaller blobs (work-tree-files.ts) leave the same garbage in small pieces:
 * compressed bytes read past the read-ahead window are a fresh buffer, young and dead once
 * the file is written. A young
 * generation that fills slowly (the CLI keeps it from growing, source/core/heap.ts) kept
 * 16–30 MB of them alive per 64 MB streamed; a scavenge every 8 MB of chunks (read and
 * inflated) frees them for ~1 ms.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** Objects from this size count as large. */
export const largeBytes = 1024 * 1024;
const collectEvery = 32 * 1024 * 1024;
const scavengeEvery = 8 * 1024 * 1024;

let collect: ((options?: {type: 'minor' | 'major'}) => void) | undefined;
let sinceCollected = 0;
let sinceScavenged = 0;

/** Counts an object just read; collects the garbage of earlier large ones when they add up. */
export function countLargeRead(size: number): void {
	if (size < largeBytes) return;
	sinceCollected += size;
	if (sinceCollected < collectEvery) return;
	sinceCollected = 0;
	gc()();
}

/**
 * Frees the garbage of a large delta just checked out (its base, its result, the base's
 * compressed bytes: three times the blob), before the next one adds as much again.
 */
export function collectLargeGarbage(): void {
	sinceCollected = 0;
	gc()();
}

/** Counts bytes just streamed through fresh chunks; frees the dead chunks when they add up. */
export function countStreamed(bytes: number): void {
	sinceScavenged += bytes;
	if (sinceScavenged < scavengeEvery) return;
	sinceScavenged = 0;
	gc()({type: 'minor'});
}

function gc(): NonNullable<typeof collect> {
	if (!collect) {
		v8.setFlagsFromString('--expose-gc');
		collect = vm.runInNewContext('gc') as NonNullable<typeof collect>;
		v8.setFlagsFromString('--no-expose-gc');
	}

	return collect;
}
