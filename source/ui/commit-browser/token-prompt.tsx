/**
 * The masked token prompt of an interactive `commits` run without BITBUCKET_ACCESS_TOKEN.
 * Nothing of the token is drawn (SecretInput); a value that cannot be a token is refused
 * here with the reason, before anything is sent.
 */
import {Box, Text, useInput} from 'ink';
import {useState} from 'react';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {messageOf} from '../../commands/output.js';
import {checkedToken} from '../../onboard/token-source.js';
import {ErrorPanel} from '../components/error-panel.js';
import {KeyHints} from '../components/key-hints.js';
import {SecretInput} from '../components/secret-input/secret-input.js';
import {useBrowserTheme} from './theme.js';

export type TokenPromptProps = {
	readonly repoRef: RepoRef;
	readonly onToken: (token: string) => void;
	readonly onCancel: (reason: 'escape' | 'interrupt') => void;
};

export function TokenPrompt({repoRef, onToken, onCancel}: TokenPromptProps) {
	const theme = useBrowserTheme();
	const [problem, setProblem] = useState<string | undefined>();
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			onCancel('interrupt');
		} else if (key.escape) {
			onCancel('escape');
		}
	});
	return (
		<Box flexDirection="column" paddingX={1}>
			<Text bold>Commits of {formatRepoRef(repoRef)}</Text>
			<Box marginTop={1} flexDirection="column">
				<Text>Paste an access token of this repository (or its project or workspace):</Text>
				<SecretInput
					placeholder="token (nothing is shown)"
					onSubmit={(value) => {
						try {
							onToken(checkedToken(value));
						} catch (error) {
							setProblem(messageOf(error));
						}
					}}
				/>
			</Box>
			{problem === undefined ? null : (
				<Box marginTop={1}>
					<ErrorPanel message={problem} />
				</Box>
			)}
			<Box marginTop={1}>
				<KeyHints
					hints={[
						{key: 'Enter', label: 'browse'},
						{key: 'Esc', label: 'quit'},
					]}
				/>
			</Box>
			<Text color={theme.muted}>Tip: set BITBUCKET_ACCESS_TOKEN to skip this prompt.</Text>
		</Box>
	);
}
