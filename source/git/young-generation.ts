/**
 * A clone allocates short-lived buffers for each of tens of thousands of objects (inflated
 * entries, hashes, files being written). V8 answers such a rate by doubling its young
 * generation up to 3 × 16 MB, and that memory stays resident for the rest of the run: on a
 * clone of ~50,000 small objects it was a quarter of the peak RSS. A growth factor of 1
 * keeps the young generation at its starting size; the extra scavenges are cheap, since
 * almost nothing they look at is still alive. `npx bbtok-tui` users cannot pass V8 flags,
 * so the clone sets it. It is process-wide, and a clone is most of a run's allocation.
 */
import v8 from 'node:v8';

let kept = false;

export function keepYoungGenerationSmall(): void {
	if (kept) return;
	kept = true;
	v8.setFlagsFromString('--semi-space-growth-factor=1');
}
