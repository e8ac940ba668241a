/** The `?` screen: every key of the browser, grouped by where it applies. */
import {Box, Text} from 'ink';
import {useBrowserTheme} from './theme.js';

const groups: readonly {title: string; keys: readonly (readonly [string, string])[]}[] = [
	{
		title: 'List',
		keys: [
			['↑ ↓  j k', 'move'],
			['PgUp PgDn', 'page'],
			['g  G', 'top · bottom (G loads everything)'],
			['Enter', 'commit details'],
			['/', 'filter by message, author or hash'],
			['b', 'switch branch'],
			['y', 'copy the full hash (OSC 52)'],
			['o', 'open the commit on Bitbucket'],
			['r', 'refresh (retry after an error)'],
			['q  Esc', 'quit (Esc first clears a filter)'],
		],
	},
	{
		title: 'Filter',
		keys: [
			['type', 'narrow; a capital letter makes it case-sensitive'],
			['Enter', 'keep the filter and move through matches'],
			['Esc', 'clear it'],
		],
	},
	{
		title: 'Details',
		keys: [
			['↑ ↓  PgUp PgDn', 'scroll'],
			['1-9', 'go to that parent'],
			['Esc  q', 'back'],
		],
	},
];

export function HelpView({height, width}: {readonly height: number; readonly width: number}) {
	const theme = useBrowserTheme();
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			<Text bold>Keys</Text>
			{groups.map((group) => (
				<Box key={group.title} flexDirection="column" marginTop={1}>
					<Text color={theme.muted}>{group.title}</Text>
					{group.keys.map(([keys, what]) => (
						<Text key={keys} wrap="truncate-end">
							{'  '}
							<Text color={theme.key}>{keys.padEnd(16)}</Text>
							{what}
						</Text>
					))}
				</Box>
			))}
			<Box marginTop={1}>
				<Text color={theme.muted}>any key closes this help</Text>
			</Box>
		</Box>
	);
}
