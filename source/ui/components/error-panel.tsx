/**
 * A failure as the user should see it: one line saying what went wrong, one line saying
 * what to do next. The texts must already be redacted (describeError does that).
 */
import {Box, Text} from 'ink';
import {marks, usePalette} from './theme.js';

export type ErrorPanelProps = {
	readonly message: string;
	/** The next step for the user. */
	readonly hint?: string;
};

export function ErrorPanel({message, hint}: ErrorPanelProps) {
	const palette = usePalette();
	return (
		<Box flexDirection="column">
			<Box>
				<Box marginRight={1} flexShrink={0}>
					<Text color={palette.error}>{marks.failure}</Text>
				</Box>
				<Text color={palette.error}>{message}</Text>
			</Box>
			{hint ? (
				<Box paddingLeft={2}>
					<Text>{hint}</Text>
				</Box>
			) : null}
		</Box>
	);
}
