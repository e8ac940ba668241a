/**
 * Labelled values in two aligned columns, for summaries such as the repository a token
 * reaches: `Repository  acme/widget`.
 */
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {usePalette} from './theme.js';

export type DetailRow = {
	readonly label: string;
	readonly value: ReactNode;
};

export type DetailsProps = {
	readonly rows: readonly DetailRow[];
};

export function Details({rows}: DetailsProps) {
	const palette = usePalette();
	const labelWidth = Math.max(0, ...rows.map((row) => row.label.length)) + 2;
	return (
		<Box flexDirection="column">
			{rows.map((row) => (
				<Box key={row.label}>
					<Box width={labelWidth} flexShrink={0}>
						<Text color={palette.muted}>{row.label}</Text>
					</Box>
					{typeof row.value === 'string' ? <Text>{row.value}</Text> : row.value}
				</Box>
			))}
		</Box>
	);
}
