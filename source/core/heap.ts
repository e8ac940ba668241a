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

// The young generation stays at its starting size; the scavenges this adds are cheap,
// almost nothing they look at being still alive. The old generation is collected once
// it has grown by 40% instead of by V8's dynamic factor (up to 4×).
const flags = ['--semi-space-growth-factor=1', '--heap-growing-percent=40'];
let kept = false;

export function keepHeapSmall(): void {
	kept = true;
	for (const flag of flags) v8.setFlagsFromString(flag);
}

/**
 * Starting a worker thread puts V8's flags back to their defaults (Node 20: the main
 * thread's young generation then grew to 32 MB during checkout): called once a worker is
 * online, this sets them again if the command had set them.
 */
export function keepHeapSmallAgain(): void {
	if (kept) keepHeapSmall();
}
