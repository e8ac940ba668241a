#!/usr/bin/env node
/**
 * `npm run bench`: bundles every test/bench/*.bench.ts(x) with esbuild into .bench/ (with the
 * same dependency patches as the shipped bundle) and runs them one after another; each
 * prints its own table. Not a test: figures depend on the machine, ratios much less.
 *
 *   node test/bench/run.js [NAME] [--size small|medium|real|default|many|large[,…]] [--runs N] [--unpatched] [--cli PATH] [--scratch DIR]
 *
 * NAME keeps only benchmarks whose file name contains it. --unpatched bundles the
 * unmodified isomorphic-git, to show what its patch buys. Other options are passed on.
 */
import {spawnSync} from 'node:child_process';
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {esbuildPatches} from '../../source/build/patches.js';
import {stubReactDevtools} from '../../source/build/stub-react-devtools.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = path.join(root, '.bench');
const args = process.argv.slice(2);
const filter = args.find(
	(arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'),
);
const passOn = args.filter((arg) => arg !== filter && arg !== '--unpatched');
const patchIsomorphicGit = !args.includes('--unpatched');

const benches = (await readdir(path.join(root, 'test/bench')))
	.filter((name) => /\.bench\.tsx?$/.test(name) && (!filter || name.includes(filter)))
	.sort();
if (benches.length === 0) {
	console.error(`No benchmark matches ${filter}.`);
	process.exit(2);
}

await build({
	entryPoints: benches.map((name) => path.join(root, 'test/bench', name)),
	outdir,
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20.18',
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		js: "import {createRequire as __benchCreateRequire} from 'node:module';const require=__benchCreateRequire(import.meta.url);",
	},
	plugins: [
		stubReactDevtools,
		esbuildPatches({skip: patchIsomorphicGit ? [] : ['isomorphic-git']}),
	],
	logLevel: 'warning',
});

let failed = false;
for (const name of benches) {
	const bundle = path.join(outdir, name.replace(/\.tsx?$/, '.js'));
	console.log(
		`\n# ${name.replace(/\.bench\.tsx?$/, '')}${patchIsomorphicGit ? '' : ' (isomorphic-git unpatched)'}`,
	);
	const {status} = spawnSync(process.execPath, [bundle, ...passOn], {cwd: root, stdio: 'inherit'});
	failed ||= status !== 0;
}

process.exitCode = failed ? 1 : 0;
