/**
 * A unified diff of `.git/config`: removed lines red, added lines green; the +/- marks carry
 * it without colour. Given a height it shows a window of the diff that ↑/↓ scroll, so a long
 * preview never outgrows the terminal; each row is one line (long ones are cut, like less -S).
 */
import {Box, Text} from 'ink';
import {redact} from '../../core/redaction.js';
import type {DiffHunk} from '../../use-cases/fix-remote/diff.js';
import {type Palette, usePalette} from '../components/theme.js';

export type DiffRow = {
	readonly kind: 'file' | 'hunk' | DiffHunk['lines'][number]['kind'];
	readonly text: string;
};

export type DiffViewProps = {
	readonly rows: readonly DiffRow[];
	/** Rows available, the position line included. @default every row */
	readonly height?: number;
	/** The first row shown. @default 0 */
	readonly scroll?: number;
};

const marks = {context: ' ', removed: '-', added: '+'} as const;

/** The diff as the rows it is drawn with: file names, then each hunk's header and lines. */
export function diffRows(file: string, hunks: readonly DiffHunk[]): DiffRow[] {
	return [
		{kind: 'file', text: `--- ${redact(file)}`},
		{kind: 'file', text: `+++ ${redact(file)} (proposed)`},
		...hunks.flatMap((hunk) => [
			{kind: 'hunk', text: hunk.header} as const,
			...hunk.lines.map((line) => ({kind: line.kind, text: `${marks[line.kind]}${line.text}`})),
		]),
	];
}

/** Where the window of `height` rows may start: 0 when everything fits. */
export function maxDiffScroll(rowCount: number, height: number | undefined): number {
	return height === undefined || rowCount <= height ? 0 : rowCount - Math.max(1, height - 1);
}

function colourOf(kind: DiffRow['kind'], palette: Palette): string | undefined {
	switch (kind) {
		case 'removed':
			return palette.error;
		case 'added':
			return palette.success;
		case 'hunk':
			return palette.accent;
		default:
			return undefined;
	}
}

export function DiffView({rows, height, scroll = 0}: DiffViewProps) {
	const palette = usePalette();
	const fits = height === undefined || rows.length <= height;
	const size = fits ? rows.length : Math.max(1, height - 1);
	const top = Math.min(Math.max(0, scroll), maxDiffScroll(rows.length, height));
	return (
		<Box flexDirection="column">
			{rows.slice(top, top + size).map((row, index) => (
				<Text
					// biome-ignore lint/suspicious/noArrayIndexKey: rows are fixed for one preview
					key={top + index}
					bold={row.kind === 'file'}
					color={colourOf(row.kind, palette)}
					wrap="truncate-end"
				>
					{row.text.replaceAll('\t', '    ')}
				</Text>
			))}
			{fits ? null : (
				<Text color={palette.muted}>
					lines {top + 1}–{top + size} of {rows.length} · ↑/↓ scroll
				</Text>
			)}
		</Box>
	);
}
