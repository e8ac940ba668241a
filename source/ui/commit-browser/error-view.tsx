/** A failure shown where the list would be: what happened, the next step, and the keys. */
import {Box, Text} from 'ink';
import {BbtokError, exitCodeOf} from '../../core/errors.js';
import {messageOf} from '../../core/output.js';
import {redact} from '../../core/redaction.js';
import {ErrorPanel} from '../components/error-panel.js';
import {useBrowserTheme} from './theme.js';

export function ErrorView({
	error,
	height,
	width,
}: {
	readonly error: unknown;
	readonly height: number;
	readonly width: number;
}) {
	const theme = useBrowserTheme();
	const hint = error instanceof BbtokError && error.hint ? redact(error.hint) : undefined;
	return (
		<Box flexDirection="column" height={height} width={width} paddingLeft={1} paddingTop={1}>
			<ErrorPanel message={messageOf(error)} {...(hint ? {hint} : {})} />
			<Box marginTop={1}>
				<Text color={theme.muted}>r retry · q quit (exit code {exitCodeOf(error)})</Text>
			</Box>
		</Box>
	);
}
