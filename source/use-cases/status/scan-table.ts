/**
 * Rows as aligned columns that fit a terminal's width: when they are too wide, the columns
 * that may shrink give up room in their order (the next step before the repository before
 * the path), each down to its floor, so mode and verdict always show whole. A path keeps its
 * end, other text its start. Widths are terminal columns: a CJK name takes two a character.
 */
import {cutStartToWidth, cutToWidth, padding, stringWidth} from '../../core/text-width.js';

export type Column = {
	readonly title: string;
	readonly shrink?: {
		/** `start` cuts the beginning (paths), `end` the rest. */
		readonly cut: 'start' | 'end';
		/** Narrowest it becomes. */
		readonly floor: number;
		/** Lower shrinks first. */
		readonly order: number;
	};
};

const gap = '  ';

export function formatTable(
	columns: readonly Column[],
	rows: readonly (readonly string[])[],
	width: number,
): string[] {
	const all = [columns.map((column) => column.title), ...rows];
	const widths = columns.map((_, index) => Math.max(...all.map((row) => stringWidth(row[index]!))));
	let excess = widths.reduce((sum, w) => sum + w, 0) + gap.length * (columns.length - 1) - width;
	const shrinking = [...columns.entries()]
		.filter(([, column]) => column.shrink !== undefined)
		.sort(([, a], [, b]) => a.shrink!.order - b.shrink!.order);
	// Down to each floor first; on a terminal narrower still, down to a few characters.
	for (const floorOf of [(column: Column) => column.shrink!.floor, () => 4]) {
		for (const [index, column] of shrinking) {
			const room = Math.max(0, widths[index]! - floorOf(column));
			const taken = Math.min(room, Math.max(0, excess));
			widths[index]! -= taken;
			excess -= taken;
		}
	}

	return all.map((row) =>
		row
			.map((cell, index) => {
				const shown = truncate(cell, widths[index]!, columns[index]!.shrink?.cut);
				return shown + padding(shown, widths[index]!);
			})
			.join(gap)
			.trimEnd(),
	);
}

/** `text` cut to `width` terminal columns (wide characters take two), with an ellipsis where it was cut. */
export function truncate(text: string, width: number, cut: 'start' | 'end' = 'end'): string {
	return cut === 'start' ? cutStartToWidth(text, width) : cutToWidth(text, width);
}
