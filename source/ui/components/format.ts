/**
 * Short human forms of numbers that widgets print (elapsed time, percentages), and the rows a
 * text will take, for screens that must fit the terminal.
 */

/** `0.4 s`, `12 s`, `2 min 05 s`: tenths only while they matter. */
export function formatElapsed(ms: number): string {
	const seconds = Math.max(0, ms) / 1000;
	if (seconds < 10) {
		return `${seconds.toFixed(1)} s`;
	}

	if (seconds < 60) {
		return `${Math.floor(seconds)} s`;
	}

	const minutes = Math.floor(seconds / 60);
	return `${minutes} min ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
}

/** Whole percent of `loaded` in `total`, clamped to 0..100; 0 for an unknown or zero total. */
export function percentOf(loaded: number, total: number | undefined): number {
	if (total === undefined || total <= 0) {
		return 0;
	}

	return Math.min(100, Math.max(0, Math.floor((loaded / total) * 100)));
}

/** Rows a text takes when Ink wraps it at `width` (words may wrap earlier: a little extra). */
export function rowsWhenWrapped(text: string, width: number): number {
	return Math.max(1, Math.ceil((text.length * 1.1) / Math.max(10, width)));
}
