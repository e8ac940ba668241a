import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Sandbox-backed tests spawn git processes; two workers match the 2-core CI machine.
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 30_000,
		env: {FORCE_COLOR: '0', NO_COLOR: '1'},
	},
});
