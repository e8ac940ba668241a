// Types of isomorphic-git-speedups.js (plain JavaScript so that esbuild.config.js can import it).
import type {Plugin as EsbuildPlugin} from 'esbuild';
import type {Plugin as VitePlugin} from 'vite';

export declare const patchedVersion: string;
export declare const replacements: readonly {why: string; from: string; to: string}[];
export declare const moduleFilter: RegExp;
export declare function speedUpIsomorphicGit(source: string): string;
export declare function isomorphicGitSpeedups(): EsbuildPlugin;
export declare function isomorphicGitSpeedupsForVite(): VitePlugin;
