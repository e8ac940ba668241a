// Types of pack-worker-build.js (plain JavaScript so that esbuild.config.js and vitest.config.ts can import it).
import type {Plugin as VitePlugin} from 'vite';

export declare const packWorkerEntry: Readonly<Record<string, string>>;
export declare function vitePackWorker(): VitePlugin;
