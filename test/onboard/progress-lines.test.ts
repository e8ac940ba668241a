import {describe, expect, it} from 'vitest';
import {createProgressLines, formatBytes} from '../../source/use-cases/onboard/progress-lines.js';

describe('createProgressLines', () => {
	it('prints a phase when it starts, then once per 10%', () => {
		const lines: string[] = [];
		const report = createProgressLines((line) => lines.push(line));
		report({phase: 'Connecting', loaded: 0, bytes: 0, elapsedMs: 0});
		for (let loaded = 0; loaded <= 200; loaded += 7) {
			report({phase: 'Indexing objects', loaded, total: 200, bytes: 0, elapsedMs: loaded});
		}

		report({phase: 'Indexing objects', loaded: 200, total: 200, bytes: 0, elapsedMs: 300});
		expect(lines).toEqual([
			'Connecting…',
			'Indexing objects: 0% (0/200)',
			...[21, 42, 63, 84, 105, 126, 140, 161, 182].map(
				(loaded) => `Indexing objects: ${Math.floor(loaded / 2)}% (${loaded}/200)`,
			),
			'Indexing objects: 100% (200/200)',
		]);
	});

	it('prints the download size at most once a second', () => {
		const lines: string[] = [];
		const report = createProgressLines((line) => lines.push(line));
		for (let elapsedMs = 0; elapsedMs <= 2500; elapsedMs += 100) {
			report({phase: 'Receiving objects', loaded: 0, bytes: elapsedMs * 1024, elapsedMs});
		}

		expect(lines).toEqual([
			'Receiving objects…',
			'Receiving objects: 1000 KiB',
			'Receiving objects: 2.0 MiB',
		]);
	});
});

describe('formatBytes', () => {
	it.each([
		[512, '512 B'],
		[1536, '1.5 KiB'],
		[200 * 1024, '200 KiB'],
		[5 * 1024 ** 3, '5.0 GiB'],
	])('%i → %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});
});
