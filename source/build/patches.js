/**
 * The one patch mechanism for dependencies: a table of text rewrites of files inside
 * node_modules, applied alike by the bundle (esbuild), vitest (a Vite transform, for
 * isomorphic-git which vitest inlines) and the test workers' Node module hook (for Ink,
 * which Node loads itself), so what is tested is what ships.
 *
 * Each patch names the exact package version it was written for (package.json pins it);
 * the installed version is checked before a file is rewritten, and every replacement must
 * match exactly once, so an upstream release fails the build with a clear message instead
 * of shipping unpatched. Nothing in node_modules is mutated and there is no install hook.
 * A patch may also name virtual modules (a specifier its replacement text imports) that
 * resolve to files of this project.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ansiTokenizeIntensityPatch, ansiTokenizePatch} from './ansi-tokenize-fix.js';
import {inkWrapPatch} from './ink-wrap-fix.js';
import {isomorphicGitPatch} from './isomorphic-git-patch.js';
import {stringWidthPatch} from './string-width-fix.js';
import {yogaWasmPatch} from './yoga-wasm-fix.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @typedef {import('./patches.js').Patch} Patch */

/** @type {readonly Patch[]} */
export const patches = [
	inkWrapPatch,
	isomorphicGitPatch,
	yogaWasmPatch,
	stringWidthPatch,
	ansiTokenizePatch,
	ansiTokenizeIntensityPatch,
];

/**
 * Applies every replacement of `patch` to `source`, or throws naming the one that does not apply.
 * @param {Patch} patch
 * @param {string} source
 */
export function applyPatch(patch, source) {
	let result = source;
	for (const {from, to, why} of patch.replacements) {
		const first = result.indexOf(from);
		if (first < 0 || result.indexOf(from, first + from.length) >= 0) {
			throw new Error(
				`The ${patch.name} patch no longer applies (${why}): its text occurs ${first < 0 ? 'nowhere' : 'more than once'}. ` +
					`It was written for ${patch.package} ${patch.version}; update ${patch.source}.`,
			);
		}

		result = result.slice(0, first) + to + result.slice(first + from.length);
	}

	return result;
}

/**
 * Throws unless the package that holds `file` is the version `patch` was written for.
 * @param {Patch} patch
 * @param {string} file
 */
export function checkVersion(patch, file) {
	const marker = `${path.sep}node_modules${path.sep}${patch.package}${path.sep}`;
	const packageDir = file.slice(0, file.lastIndexOf(marker) + marker.length);
	const {version} = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (version !== patch.version) {
		throw new Error(
			`${patch.package} ${version} is installed, but ${patch.source} is written for ${patch.package} ${patch.version} ` +
				`(package.json pins it): run npm ci, or port the patch to ${version} and pin that.`,
		);
	}
}

/**
 * The patched text of `file`, or undefined when no patch (of those not skipped) covers it.
 * @param {string} file an absolute path
 * @param {string} source
 * @param {readonly string[]} [skip] package names left unpatched
 */
export function patchFile(file, source, skip = []) {
	const patch = patches.find((candidate) => candidate.file.test(file));
	if (!patch || skip.includes(patch.package)) {
		return undefined;
	}

	checkVersion(patch, file);
	return applyPatch(patch, source);
}

/** @returns {Map<string, string>} virtual module specifier → absolute path */
function virtualModules(skip = []) {
	const modules = new Map();
	for (const patch of patches) {
		if (!skip.includes(patch.package)) {
			for (const [specifier, file] of Object.entries(patch.modules ?? {})) {
				modules.set(specifier, path.join(root, file));
			}
		}
	}

	return modules;
}

/**
 * esbuild plugin.
 * @param {{skip?: readonly string[]}} [options]
 * @returns {import('esbuild').Plugin}
 */
export function esbuildPatches({skip = []} = {}) {
	const modules = virtualModules(skip);
	return {
		name: 'dependency-patches',
		setup(build) {
			build.onResolve({filter: /^bbtok:/}, ({path: specifier}) =>
				modules.has(specifier) ? {path: modules.get(specifier)} : undefined,
			);
			for (const patch of patches.filter((candidate) => !skip.includes(candidate.package))) {
				build.onLoad({filter: patch.file}, async ({path: file}) => {
					const {readFile} = await import('node:fs/promises');
					return {contents: patchFile(file, await readFile(file, 'utf8'), skip), loader: 'js'};
				});
			}
		},
	};
}

/**
 * Vite (vitest) plugin; vitest must inline a patched package (`server.deps.inline`) for its
 * module to go through this transform instead of Node's own loader (see nodeLoad).
 * @returns {import('vite').Plugin}
 */
export function vitePatches() {
	const modules = virtualModules();
	return {
		name: 'dependency-patches',
		enforce: 'pre',
		resolveId: (specifier) => modules.get(specifier),
		transform(code, id) {
			const patched = patchFile(id.split('?')[0], code);
			return patched === undefined ? undefined : {code: patched, map: null};
		},
	};
}

/**
 * A Node module-customization `load` hook (registered by test/helpers/patch-hook.js).
 * @type {import('node:module').LoadHook}
 */
export async function nodeLoad(url, context, nextLoad) {
	const result = await nextLoad(url, context);
	if (!url.startsWith('file:') || result.source === undefined) {
		return result;
	}

	const patched = patchFile(fileURLToPath(url), String(result.source));
	return patched === undefined ? result : {...result, source: patched, shortCircuit: true};
}
