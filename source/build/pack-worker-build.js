/**
 * The workers' bundle (source/git/pack/pack-worker.ts: indexing and checkout). esbuild.config.js builds
 * it as an entry of its own, dist/chunks/pack-worker.js, beside the chunk that starts it
 * (source/git/pack/worker-url.ts). Tests run source files, so vitest gets this plugin: it
 * bundles the same entry once (into node_modules/.cache) and points worker-url.ts at it.
 */
import {mkdir, rename} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The entry, as esbuild.config.js's entryPoints names it. */
export const packWorkerEntry = {'chunks/pack-worker': 'source/git/pack/pack-worker.ts'};

/** @returns {import('vite').Plugin} */
export function vitePackWorker() {
	let built;
	const bundle = async () => {
		const dir = path.join(root, 'node_modules', '.cache', 'bbtok-tui');
		await mkdir(dir, {recursive: true});
		const file = path.join(dir, 'pack-worker.mjs');
		// Written whole, then renamed: another test run may be loading the previous one.
		const temporary = `${file}.${process.pid}.tmp`;
		await build({
			entryPoints: [path.join(root, Object.values(packWorkerEntry)[0])],
			outfile: temporary,
			bundle: true,
			format: 'esm',
			platform: 'node',
			target: 'node20.18',
			logLevel: 'warning',
		});
		await rename(temporary, file);
		return pathToFileURL(file).href;
	};

	return {
		name: 'pack-worker',
		// Before TypeScript is compiled away, while the URL reads as worker-url.ts spells it.
		enforce: 'pre',
		async transform(code, id) {
			if (!id.split('?')[0].endsWith(path.join('source', 'git', 'pack', 'worker-url.ts'))) {
				return undefined;
			}

			built ??= bundle();
			const url = JSON.stringify(await built);
			const patched = code.replace(
				"new URL('./pack-worker.js', import.meta.url)",
				`new URL(${url})`,
			);
			if (patched === code)
				throw new Error('worker-url.ts no longer builds its URL as pack-worker-build.js expects.');
			return {code: patched, map: null};
		},
	};
}
