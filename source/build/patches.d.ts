// Types of patches.js (plain JavaScript so that esbuild.config.js and the Node test hook can import it).

import type {LoadHook} from 'node:module';
import type {Plugin as EsbuildPlugin} from 'esbuild';
import type {Plugin as VitePlugin} from 'vite';

export type Patch = {
	readonly name: string;
	/** The package's name in node_modules. */
	readonly package: string;
	/** The exact version the replacements are written for (package.json pins it). */
	readonly version: string;
	/** This project's file that defines the patch, named in error messages. */
	readonly source: string;
	/** The patched file inside the package. */
	readonly file: RegExp;
	/** Virtual module specifiers (bbtok:…) the replacement text imports → project files. */
	readonly modules?: Readonly<Record<string, string>>;
	readonly replacements: readonly {
		readonly why: string;
		readonly from: string;
		readonly to: string;
	}[];
};

export declare const patches: readonly Patch[];
export declare function applyPatch(patch: Patch, source: string): string;
export declare function checkVersion(patch: Patch, file: string): void;
export declare function patchFile(
	file: string,
	source: string,
	skip?: readonly string[],
): string | undefined;
export declare function esbuildPatches(options?: {skip?: readonly string[]}): EsbuildPlugin;
export declare function vitePatches(): VitePlugin;
export declare const nodeLoad: LoadHook;
