/** The last frame: what was done, or why nothing was; its final line carries the tone. */
import {Box, Text} from 'ink';
import type {Outcome} from './use-fix-remote-state.js';

const colors = {success: 'green', neutral: undefined, error: 'red'} as const;

export function OutcomeView({outcome}: {readonly outcome: Outcome}) {
	const details = outcome.lines.slice(0, -1);
	return (
		<Box flexDirection="column">
			{details.length > 0 ? <Text>{details.join('\n')}</Text> : null}
			<Text color={colors[outcome.tone]}>{outcome.lines.at(-1)}</Text>
		</Box>
	);
}
