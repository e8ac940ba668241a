import {defineConfig} from 'vitest/config';
import {isomorphicGitSpeedupsForVite} from './source/build/isomorphic-git-speedups.js';

export default defineConfig({
	// Tests run the same speed-ups of isomorphic-git that the bundle ships.
	plugins: [isomorphicGitSpeedupsForVite()],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Sandbox-backed tests spawn git processes; two workers match the 2-core CI machine.
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 30_000,
		env: {FORCE_COLOR: '0', NO_COLOR: '1'},
		server: {deps: {inline: ['isomorphic-git']}},
	},
});
