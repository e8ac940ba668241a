/**
 * Clone progress as plain lines for logs and CI (no spinner, no cursor codes): a line when a
 * phase starts, then one per 10% for phases with a total, or per second for byte counts.
 */
import type {CloneProgress} from '../../git/clone.js';

const byteLineIntervalMs = 1000;

export function createProgressLines(
	writeLine: (line: string) => void,
): (progress: CloneProgress) => void {
	let phase: string | undefined;
	let tenth = -1;
	let lastByteLineAt = 0;
	return (progress) => {
		const started = progress.phase !== phase;
		phase = progress.phase;
		if (progress.total !== undefined && progress.total > 0) {
			const current = Math.floor((progress.loaded / progress.total) * 10);
			if (started || current > tenth) {
				tenth = current;
				const percent = Math.floor((progress.loaded / progress.total) * 100);
				writeLine(`${progress.phase}: ${percent}% (${progress.loaded}/${progress.total})`);
			}

			return;
		}

		tenth = -1;
		if (started || progress.elapsedMs - lastByteLineAt >= byteLineIntervalMs) {
			lastByteLineAt = progress.elapsedMs;
			// Only the download has a meaningful byte count; other phases carry the last one along.
			const receiving = progress.phase === 'Receiving objects' && progress.bytes > 0;
			writeLine(
				receiving ? `${progress.phase}: ${formatBytes(progress.bytes)}` : `${progress.phase}…`,
			);
		}
	};
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) {
		return `${bytes} B`;
	}

	const units = ['KiB', 'MiB', 'GiB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
