/** The security doctor: other remote URLs that embed a secret, redacted, and whether to strip them. */
import {ConfirmInput} from '@inkjs/ui';
import {Box, Text} from 'ink';
import type {EmbeddedCredential} from '../../fix-remote/credentials.js';
import {credentialLine} from '../../fix-remote/report.js';

export type CredentialsStepProps = {
	readonly found: readonly EmbeddedCredential[];
	readonly onDecide: (strip: boolean) => void;
};

export function CredentialsStep({found, onDecide}: CredentialsStepProps) {
	return (
		<Box flexDirection="column">
			<Text color="yellow" bold>
				These remote URLs carry a secret in plain text:
			</Text>
			{found.map((item) => (
				<Text key={`${item.remote}.${item.key}.${item.index}`}> {credentialLine(item)}</Text>
			))}
			<Box gap={1}>
				<Text>Remove the secrets (git will ask for them instead)?</Text>
				<ConfirmInput
					defaultChoice="cancel"
					onConfirm={() => onDecide(true)}
					onCancel={() => onDecide(false)}
				/>
			</Box>
		</Box>
	);
}
