/** The masked token prompt: nothing but asterisks reaches the terminal. */
import {PasswordInput} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {errorLine} from '../../fix-remote/report.js';
import {checkedToken} from '../../onboard/token-source.js';

export type TokenStepProps = {
	readonly repoRef: RepoRef;
	/** Why the previous token was refused. */
	readonly error?: string | undefined;
	readonly onToken: (token: string) => void;
	readonly onRefused: (message: string) => void;
};

export function TokenStep({repoRef, error, onToken, onRefused}: TokenStepProps) {
	return (
		<Box flexDirection="column">
			{error ? <Text color="red">{error}</Text> : null}
			<Text bold>Access token for {formatRepoRef(repoRef)} (input hidden):</Text>
			<PasswordInput
				placeholder="paste the token, then Enter"
				onSubmit={(raw) => {
					try {
						onToken(checkedToken(raw));
					} catch (refusal) {
						onRefused(errorLine(refusal));
					}
				}}
			/>
		</Box>
	);
}
