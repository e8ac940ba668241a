import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';
import {vitePackWorker} from './source/build/pack-worker-build.js';
import {vitePatches} from './source/build/patches.js';

export default defineConfig({
	// Tests run the dependency patches the bundle ships: isomorphic-git (inlined below) through
	// this transform, Ink (which Node loads in the workers) through the module hook.
	plugins: [vitePatches(), vitePackWorker()],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		execArgv: ['--import', fileURLToPath(new URL('test/helpers/patch-hook.js', import.meta.url))],
		// Sandbox-backed tests spawn git processes; two workers match the 2-core CI machine.
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 30_000,
		// Ink renders only a final frame when it detects CI, and under ink-testing-library's debug
		// mode that frame is empty: screens are tested as a person's terminal shows them.
		env: {FORCE_COLOR: '0', NO_COLOR: '1', CI: 'false'},
		server: {deps: {inline: ['isomorphic-git']}},
	},
});
