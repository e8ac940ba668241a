/**
 * Where the indexing worker's bundle is: beside the bundle chunk this module is part of
 * (esbuild.config.js names the worker's entry chunks/pack-worker). Tests run a worker built
 * from the same entry (source/build/pack-worker-build.js rewrites this URL for vitest).
 */
export function packWorkerUrl(): URL {
	return new URL('./pack-worker.js', import.meta.url);
}
