import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {InterruptedError} from '../../source/core/errors.js';
import {type CloneProgress, createProgressReporter} from '../../source/git/clone-progress.js';

beforeEach(() => {
	vi.useFakeTimers({toFake: ['performance']});
});

afterEach(() => {
	vi.useRealTimers();
});

function reporter(signal?: AbortSignal) {
	const seen: CloneProgress[] = [];
	return {seen, progress: createProgressReporter((p) => seen.push(p), signal)};
}

const phases = (seen: CloneProgress[]) =>
	seen.map((p) => `${p.phase} ${p.loaded}/${p.total ?? '-'} ${p.bytes}`);

describe('createProgressReporter', () => {
	it('names the download and the local phases for what they do', () => {
		const {seen, progress} = reporter();
		progress.onRequest('GET');
		progress.onBytes(300);
		progress.onRequest('POST');
		progress.onPhase({phase: 'Counting objects', loaded: 10, total: 100});
		progress.onPhase({phase: 'Counting objects', loaded: 100, total: 100});
		progress.onBytes(5000);
		progress.onPhase({phase: 'Receiving objects', loaded: 0, total: 90});
		progress.onPhase({phase: 'Resolving deltas', loaded: 90, total: 90});
		progress.onPhase({phase: 'Updating workdir', loaded: 4, total: 4});
		// Connecting at the first request, before any byte: an answer replayed from the token
		// check (advertisement.ts) brings none.
		expect(phases(seen)).toEqual([
			'Connecting 0/- 0',
			'Counting objects 10/100 300',
			'Counting objects 100/100 300',
			'Receiving objects 0/- 5000',
			'Indexing objects 0/90 5000',
			'Resolving deltas 90/90 5000',
			'Updating files 4/4 5000',
		]);
	});

	it('keeps a running server phase while its progress lines arrive, and ignores late ones', () => {
		const {seen, progress} = reporter();
		progress.onRequest('POST');
		progress.onPhase({phase: 'Compressing objects', loaded: 1, total: 50});
		progress.onBytes(800);
		progress.onPhase({phase: 'Receiving objects', loaded: 0, total: 50});
		progress.onPhase({phase: 'Compressing objects', loaded: 50, total: 50});
		expect(seen.map((p) => p.phase)).toEqual([
			'Connecting',
			'Compressing objects',
			'Indexing objects',
		]);
	});

	it('reports at most every 100 ms within a phase, but always its completion', () => {
		const {seen, progress} = reporter();
		for (let loaded = 1; loaded <= 1000; loaded++) {
			progress.onPhase({phase: 'Updating workdir', loaded, total: 1000});
			vi.advanceTimersByTime(1);
		}

		expect(seen.length).toBeGreaterThanOrEqual(10);
		expect(seen.length).toBeLessThanOrEqual(12);
		expect(seen.at(-1)).toMatchObject({loaded: 1000, total: 1000});
		expect(seen.at(-1)?.elapsedMs).toBeGreaterThanOrEqual(999);
	});

	it('throws on abort only in the phases isomorphic-git awaits', () => {
		const controller = new AbortController();
		const {progress} = reporter(controller.signal);
		controller.abort();
		expect(() => progress.onPhase({phase: 'Counting objects', loaded: 1, total: 2})).not.toThrow();
		expect(() => progress.onBytes(10)).not.toThrow();
		for (const phase of [
			'Receiving objects',
			'Resolving deltas',
			'Analyzing workdir',
			'Updating workdir',
		]) {
			expect(() => progress.onPhase({phase, loaded: 1, total: 2})).toThrow(InterruptedError);
		}
	});
});
