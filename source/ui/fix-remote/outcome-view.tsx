/** The last frame: the change that was made, then one marked line saying what happened. */
import {Box, Text} from 'ink';
import {ErrorPanel} from '../components/error-panel.js';
import {Notice} from '../components/notice.js';
import {marks, usePalette} from '../components/theme.js';
import type {Outcome} from './use-fix-remote-state.js';

export function OutcomeView({outcome}: {readonly outcome: Outcome}) {
	const palette = usePalette();
	return (
		<Box flexDirection="column">
			{outcome.details.map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed for one outcome
				<Text key={index}>{line}</Text>
			))}
			{outcome.tone === 'error' ? (
				<ErrorPanel message={outcome.headline} {...(outcome.hint ? {hint: outcome.hint} : {})} />
			) : (
				<Text color={outcome.tone === 'success' ? palette.success : undefined}>
					{outcome.tone === 'success' ? `${marks.success} ` : ''}
					{outcome.headline}
				</Text>
			)}
			{outcome.notes.map((note) => (
				<Box key={note} paddingLeft={2}>
					<Text>{note}</Text>
				</Box>
			))}
			{outcome.warning ? <Notice kind="warning">{outcome.warning}</Notice> : null}
		</Box>
	);
}
