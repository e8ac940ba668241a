/** Asks for the token's bot email, which the API cannot tell; Enter on nothing leaves user.email as it is. */
import {TextInput} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {useState} from 'react';
import {errorLine} from '../../fix-remote/report.js';
import {normalizeBotEmail} from '../../onboard/bot-email.js';

export type EmailStepProps = {
	/** The repository's access-tokens page, which shows each token's bot email. */
	readonly tokensPage: string;
	readonly currentEmail: string | undefined;
	readonly onEmail: (botEmail: string | undefined) => void;
};

export function EmailStep({tokensPage, currentEmail, onEmail}: EmailStepProps) {
	const [error, setError] = useState<string>();
	return (
		<Box flexDirection="column">
			<Text bold>The token's bot email (or its bare id), for commits you push:</Text>
			<Text dimColor>Shown on {tokensPage}</Text>
			{error ? <Text color="red">{error}</Text> : null}
			<TextInput
				placeholder={`Enter alone keeps ${currentEmail ?? 'user.email unset'}`}
				onSubmit={(input) => {
					if (input.trim() === '') {
						onEmail(undefined);
						return;
					}

					try {
						onEmail(normalizeBotEmail(input));
					} catch (refusal) {
						setError(errorLine(refusal));
					}
				}}
			/>
		</Box>
	);
}
