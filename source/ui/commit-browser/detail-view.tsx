/** One commit in full: the visible slice of its detail lines, and a footer with the keys that apply. */
import {Box, Text} from 'ink';
import type {Line} from './detail-lines.js';
import {detailScreen, hintLine} from './key-table.js';
import {useBrowserTheme} from './theme.js';

export type DetailViewProps = {
	readonly lines: readonly Line[];
	readonly scroll: number;
	readonly height: number;
	readonly width: number;
	readonly parents: number;
	readonly depth: number;
};

export function DetailView({lines, scroll, height, width, parents, depth}: DetailViewProps) {
	const theme = useBrowserTheme();
	const body = Math.max(1, height - 1);
	const visible = lines.slice(scroll, scroll + body);
	const keys = hintLine(detailScreen, {parents, depth}, ' · ');
	const more = lines.length > scroll + body ? `  ${scroll + body}/${lines.length} lines` : '';
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Box flexDirection="column" height={body} overflow="hidden">
				{visible.map((line, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: a line is identified by its place in the slice
					<Text key={scroll + index} wrap="truncate-end">
						{line.length === 0
							? ' '
							: line.map((span, spanIndex) => (
									// biome-ignore lint/suspicious/noArrayIndexKey: spans have no identity beyond their place
									<Text key={spanIndex} color={span.color} bold={span.bold}>
										{span.text}
									</Text>
								))}
					</Text>
				))}
			</Box>
			<Text color={theme.muted} wrap="truncate-end">
				{keys}
				{more}
			</Text>
		</Box>
	);
}
