/**
 * V8's heap, tuned for what dominates a run's allocation: a clone allocates short-lived
 * buffers and promises for each of tens of thousands of objects (inflated entries, hashes,
 * files being written). By default V8 answers that rate by doubling its young generation up
 * to 3 × 16 MB, and lets the old one fill with the garbage promoted out of it up to several
 * times what is alive; neither is given back during the run. Measured on a clone of 50,834
 * objects (14.3 MB pack) through the CLI: peak RSS 200 → 120 MB for ~12% more CPU time.
 * `npx bbtok-tui` users cannot pass V8 flags, so the CLI sets them, first thing: the young
 * generation does not shrink back once grown.
 */
import v8 from 'node:v8';

export function keepHeapSmall(): void {
	// The young generation stays at its starting size; the scavenges this adds are cheap,
	// almost nothing they look at being still alive. The old generation is collected once
	// it has grown by 40% instead of by V8's dynamic factor (up to 4×).
	v8.setFlagsFromString('--semi-space-growth-factor=1');
	v8.setFlagsFromString('--heap-growing-percent=40');
}
