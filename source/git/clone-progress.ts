/**
 * Turns what isomorphic-git and the transport report during a clone into one stream of
 * CloneProgress a screen can show: phases named for what they do, the bytes received,
 * the time spent, at a bounded rate. It is also where an abort reaches isomorphic-git's
 * local work (indexing, checkout), which takes no AbortSignal.
 */
import {InterruptedError} from '../core/errors.js';

export type CloneProgress = {
	/** `Connecting`, the server's `Counting objects`/`Compressing objects`, `Receiving objects`, `Indexing objects`, `Resolving deltas`, `Analyzing files`, `Updating files`. */
	phase: string;
	loaded: number;
	total?: number;
	/** Bytes received from the server so far. */
	bytes: number;
	elapsedMs: number;
};

type GitProgressEvent = {phase: string; loaded: number; total: number};

/** isomorphic-git's own phases, renamed: its "Receiving objects" runs after the download, indexing the pack. */
const localPhases = new Map([
	['Receiving objects', 'Indexing objects'],
	['Resolving deltas', 'Resolving deltas'],
	['Analyzing workdir', 'Analyzing files'],
	['Updating workdir', 'Updating files'],
]);

/** At most one report per interval, besides phase changes and completions. */
const progressIntervalMs = 100;

export type ProgressReporter = {
	/** Every HTTP request; the POST is the one whose response carries the pack. */
	onRequest(method: string | undefined): void;
	onBytes(total: number): void;
	/** isomorphic-git's onProgress. Throws InterruptedError in local phases once aborted. */
	onPhase(event: GitProgressEvent): void;
};

export function createProgressReporter(
	onProgress: ((progress: CloneProgress) => void) | undefined,
	signal: AbortSignal | undefined,
): ProgressReporter {
	const started = performance.now();
	let current: Omit<CloneProgress, 'elapsedMs'> = {phase: 'Connecting', loaded: 0, bytes: 0};
	// Nothing yet: the first request reports Connecting (its answer may come from the token
	// check's, advertisement.ts, with no bytes to tell).
	let reported: typeof current | undefined;
	let reportedAt = Number.NEGATIVE_INFINITY;
	let packRequested = false;
	let serverPhaseRunning = false;
	let localWork = false;

	const report = () => {
		const now = performance.now();
		const changed =
			current.phase !== reported?.phase ||
			current.loaded !== reported.loaded ||
			current.bytes !== reported.bytes;
		const due =
			current.phase !== reported?.phase ||
			(current.loaded === current.total && current.loaded !== reported.loaded) ||
			now - reportedAt >= progressIntervalMs;
		if (onProgress && changed && due) {
			reported = current;
			reportedAt = now;
			onProgress({...current, elapsedMs: Math.round(now - started)});
		}
	};

	return {
		onRequest(method) {
			packRequested ||= method === 'POST';
			report();
		},
		onBytes(bytes) {
			// The pack streams in once the server has finished counting and compressing.
			current =
				packRequested && !serverPhaseRunning && !localWork
					? {phase: 'Receiving objects', loaded: 0, bytes}
					: {...current, bytes};
			report();
		},
		onPhase(event) {
			const local = localPhases.get(event.phase);
			if (local === undefined) {
				// The server's phases arrive from a loop isomorphic-git never awaits (so they must
				// not throw) and can lag behind the bytes: a late one must not move progress back.
				serverPhaseRunning = event.loaded < event.total;
				if (localWork || (!serverPhaseRunning && current.phase !== event.phase)) {
					return;
				}
			} else if (signal?.aborted) {
				throw new InterruptedError();
			} else {
				localWork = true;
			}

			current = {
				phase: local ?? event.phase,
				loaded: event.loaded,
				...(event.total ? {total: event.total} : {}),
				bytes: current.bytes,
			};
			report();
		},
	};
}
