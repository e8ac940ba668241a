import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vitest/config';
import {isomorphicGitSpeedupsForVite} from './source/build/isomorphic-git-speedups.js';

export default defineConfig({
	// Tests run the same speed-ups of isomorphic-git that the bundle ships.
	plugins: [isomorphicGitSpeedupsForVite()],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Node loads Ink in the workers: this hook gives it the bundle's wrap fix.
		execArgv: [
			'--import',
			fileURLToPath(new URL('test/helpers/ink-wrap-hook.js', import.meta.url)),
		],
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
