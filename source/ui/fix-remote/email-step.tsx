/**
 * Asks for the token's bot email, which the API cannot tell; a bare bot id is completed.
 * Enter on an empty field leaves user.email as it is.
 */
import {Box, Text} from 'ink';
import {useMemo} from 'react';
import {BotEmailInput} from '../components/bot-email-input.js';
import {usePalette} from '../components/theme.js';

export type EmailStepProps = {
	/** The repository's access-tokens page, which shows each token's bot email. */
	readonly tokensPage: string;
	readonly currentEmail: string | undefined;
	readonly onEmail: (botEmail: string | undefined) => void;
};

export function EmailStep({tokensPage, currentEmail, onEmail}: EmailStepProps) {
	const palette = usePalette();
	const keep = useMemo(
		() => ({current: currentEmail, onKeep: () => onEmail(undefined)}),
		[currentEmail, onEmail],
	);
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text bold>Bot email: the token's bot email (or its bare id), for commits you push</Text>
				<Text color={palette.muted}>Bitbucket shows it with the token: {tokensPage}</Text>
			</Box>
			<BotEmailInput keep={keep} onEmail={onEmail} />
		</Box>
	);
}
