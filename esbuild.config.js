// Bundles the CLI (and the public sandbox entry) into single files, so `npx bbtok-tui`
// installs one package and starts without resolving ~100 modules.
import {chmod, readdir, rm} from 'node:fs/promises';
import path from 'node:path';
import {build} from 'esbuild';
import {packWorkerEntry} from './source/build/pack-worker-build.js';
import {esbuildPatches} from './source/build/patches.js';
import {stubReactDevtools} from './source/build/stub-react-devtools.js';

const {metafile} = await build({
	entryPoints: {cli: 'source/cli.tsx', sandbox: 'source/sandbox/index.ts', ...packWorkerEntry},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20.18',
	minify: true,
	sourcemap: false,
	legalComments: 'none',
	chunkNames: 'chunks/[name]-[hash]',
	define: {'process.env.NODE_ENV': '"production"'},
	// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
	banner: {
		js: "import {createRequire as __bbtokCreateRequire} from 'node:module';const require=__bbtokCreateRequire(import.meta.url);",
	},
	plugins: [stubReactDevtools, esbuildPatches()],
	logLevel: 'warning',
	metafile: true,
});

// Chunk names carry content hashes: drop the ones this build no longer references, so dist/
// (and the npm package) holds exactly one build. Not a blanket wipe: tests may be reading dist/.
const current = new Set(Object.keys(metafile.outputs).map((file) => path.resolve(file)));
for (const name of await readdir('dist/chunks')) {
	const file = path.resolve('dist/chunks', name);
	if (!current.has(file)) {
		await rm(file, {force: true});
	}
}

await chmod('dist/cli.js', 0o755);
