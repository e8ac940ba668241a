/** The `?` screen: every key of the browser, grouped by where it applies, from the key table. */
import {Box, Text} from 'ink';
import {helpGroups} from './key-table.js';
import {useBrowserTheme} from './theme.js';

const groups = helpGroups();

type HelpLine = {readonly text: string; readonly keys?: string; readonly muted?: boolean};

/** Flat lines, so a short terminal cuts the list instead of squeezing rows into each other. */
const lines: readonly HelpLine[] = groups.flatMap((group): HelpLine[] => [
	{text: ''},
	{text: group.title, muted: true},
	...group.keys.map(([keys, what]) => ({keys, text: what})),
]);

export function HelpView({height, width}: {readonly height: number; readonly width: number}) {
	const theme = useBrowserTheme();
	const shown = lines.slice(0, Math.max(0, height - 3));
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			<Text bold>Keys</Text>
			{shown.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed
				<Text key={index} wrap="truncate-end" color={line.muted ? theme.muted : undefined}>
					{line.keys === undefined ? (
						line.text || ' '
					) : (
						<>
							{'  '}
							<Text color={theme.key}>{line.keys.padEnd(16)}</Text>
							{line.text}
						</>
					)}
				</Text>
			))}
			<Text> </Text>
			<Text color={theme.muted}>any key closes this help</Text>
		</Box>
	);
}
