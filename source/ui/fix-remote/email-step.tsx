/**
 * Asks for the token's bot email, which the API cannot tell; a bare bot id is completed.
 * Enter on an empty field leaves user.email as it is.
 */
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {redact} from '../../bitbucket/token.js';
import {normalizeBotEmail} from '../../onboard/bot-email.js';
import {ErrorPanel} from '../components/error-panel.js';
import {LineInput} from '../components/line-input/line-input.js';
import {marks, usePalette} from '../components/theme.js';

export type EmailStepProps = {
	/** The repository's access-tokens page, which shows each token's bot email. */
	readonly tokensPage: string;
	readonly currentEmail: string | undefined;
	readonly onEmail: (botEmail: string | undefined) => void;
};

/** What the field would set, as it is typed. */
function readingOf(value: string): string | undefined {
	try {
		return value.trim() === '' ? undefined : normalizeBotEmail(value);
	} catch {
		return undefined;
	}
}

export function EmailStep({tokensPage, currentEmail, onEmail}: EmailStepProps) {
	const palette = usePalette();
	const [reading, setReading] = useState<string | undefined>();
	const [problem, setProblem] = useState<string | undefined>();
	const onChange = useCallback((value: string) => {
		setProblem(undefined);
		setReading(readingOf(value));
	}, []);
	const onSubmit = useCallback(
		(value: string) => {
			if (value.trim() === '') {
				onEmail(undefined);
				return;
			}

			try {
				onEmail(normalizeBotEmail(value));
			} catch {
				setProblem(
					`${JSON.stringify(redact(value.trim()).slice(0, 80))} is neither an email nor a bot id.`,
				);
			}
		},
		[onEmail],
	);
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text bold>The token's bot email (or its bare id), for commits you push:</Text>
				<Text color={palette.muted}>Bitbucket shows it with the token: {tokensPage}</Text>
			</Box>
			<Box flexDirection="column">
				<Box>
					<Text bold>Bot email </Text>
					<Text color={palette.accent}>{marks.cursor} </Text>
					<LineInput
						placeholder="{botid}@bots.bitbucket.org or the bot id"
						onChange={onChange}
						onSubmit={onSubmit}
					/>
				</Box>
				{problem ? (
					<ErrorPanel
						message={problem}
						hint="Type the bot email (…@bots.bitbucket.org) or just the bot id."
					/>
				) : (
					<Text color={palette.muted}>
						{reading
							? `→ user.email ${reading}`
							: `Enter on an empty field keeps user.email (${currentEmail ?? 'not set'}).`}
					</Text>
				)}
			</Box>
		</Box>
	);
}
