/**
 * The detail view's diffstat, like `git show --stat`: one row per file with its status,
 * path (old → new for a rename), lines added and removed and a small +/− bar scaled to the
 * largest change, then the totals.
 */
import type {Diffstat} from '../bitbucket/types.js';

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed';

export type DiffstatRow = {
	status: FileStatus;
	/** A, D, M or R, as git prints them. */
	letter: string;
	path: string;
	added: number;
	removed: number;
	binary: boolean;
};

export type DiffstatSummary = {
	rows: DiffstatRow[];
	added: number;
	removed: number;
};

const letters: Record<FileStatus, string> = {added: 'A', removed: 'D', modified: 'M', renamed: 'R'};

export function summarizeDiffstat(entries: readonly Diffstat[]): DiffstatSummary {
	const rows = entries.map((entry): DiffstatRow => {
		const status = entry.status ?? 'modified';
		const oldPath = entry.old?.path;
		const newPath = entry.new?.path;
		const path =
			status === 'renamed' && oldPath && newPath && oldPath !== newPath
				? `${oldPath} → ${newPath}`
				: (newPath ?? oldPath ?? '?');
		return {
			status,
			letter: letters[status] ?? 'M',
			path,
			added: entry.lines_added ?? 0,
			removed: entry.lines_removed ?? 0,
			binary: entry.new?.attributes === 'binary' || entry.old?.attributes === 'binary',
		};
	});
	return {
		rows,
		added: rows.reduce((sum, row) => sum + row.added, 0),
		removed: rows.reduce((sum, row) => sum + row.removed, 0),
	};
}

/**
 * How many `+` and `−` marks a row gets in a bar of at most `width` cells, scaled to the
 * largest change; a row with any change gets at least one mark of each kind it has.
 */
export function barOf(
	row: Pick<DiffstatRow, 'added' | 'removed'>,
	largest: number,
	width: number,
): {plus: number; minus: number} {
	const total = row.added + row.removed;
	if (total === 0 || largest === 0) {
		return {plus: 0, minus: 0};
	}

	const cells = largest <= width ? total : Math.max(1, Math.round((total / largest) * width));
	const plus = row.added === 0 ? 0 : Math.max(1, Math.round((cells * row.added) / total));
	const minus = row.removed === 0 ? 0 : Math.max(1, cells - plus);
	return {plus: Math.min(plus, width), minus: Math.min(minus, Math.max(0, width - plus))};
}

/** `3 files changed, 15 insertions(+), 4 deletions(−)`. */
export function totalsLine(summary: DiffstatSummary): string {
	const files = summary.rows.length;
	const parts = [`${files} file${files === 1 ? '' : 's'} changed`];
	if (summary.added > 0) {
		parts.push(`${summary.added} insertion${summary.added === 1 ? '' : 's'}(+)`);
	}

	if (summary.removed > 0) {
		parts.push(`${summary.removed} deletion${summary.removed === 1 ? '' : 's'}(−)`);
	}

	return parts.join(', ');
}
