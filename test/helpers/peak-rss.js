// Preloaded into the built CLI (NODE_OPTIONS=--import) by memory tests: at exit, writes the
// process's peak resident memory (getrusage's maxRSS, every thread's, in KB) to the file
// BBTOK_TEST_PEAK_RSS names. A high-water mark: no sampling misses a peak between samples.
import {writeFileSync} from 'node:fs';
import {isMainThread} from 'node:worker_threads';

if (isMainThread && process.env.BBTOK_TEST_PEAK_RSS) {
	process.on('exit', () => {
		writeFileSync(process.env.BBTOK_TEST_PEAK_RSS, String(process.resourceUsage().maxRSS));
	});
}
