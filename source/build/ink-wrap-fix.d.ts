// Types of ink-wrap-fix.js (plain JavaScript so that esbuild.config.js and the test hook can import it).
import type {Plugin as EsbuildPlugin} from 'esbuild';

export declare const patchedVersion: string;
export declare const moduleFilter: RegExp;
export declare function fixInkWrap(source: string): string;
export declare function inkWrapFix(): EsbuildPlugin;
