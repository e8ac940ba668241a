/** The security doctor: other remote URLs that embed a secret, redacted, and whether to strip them. */
import {Box, Text} from 'ink';
import type {EmbeddedCredential} from '../../use-cases/fix-remote/credentials.js';
import {credentialLine} from '../../use-cases/fix-remote/report.js';
import {Notice} from '../components/notice.js';

export type CredentialsStepProps = {
	readonly found: readonly EmbeddedCredential[];
};

export function CredentialsStep({found}: CredentialsStepProps) {
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Notice kind="warning">These remote URLs carry a secret in plain text:</Notice>
				{found.map((item) => (
					<Text key={`${item.remote}.${item.key}.${item.index}`}>
						{'    '}
						{credentialLine(item)}
					</Text>
				))}
			</Box>
			<Text>
				<Text bold>Remove the secrets</Text> (git will ask for them instead)? [y/N]
			</Text>
		</Box>
	);
}
