/**
 * The screen before the browser in an interactive `commits` run without
 * BITBUCKET_ACCESS_TOKEN: the shared token prompt (nothing of the token is drawn) under the
 * repository's name, Esc or Ctrl+C to leave.
 */
import {Box, Text, useInput} from 'ink';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {KeyHints} from '../components/key-hints.js';
import {TokenPrompt} from '../components/token-prompt.js';

export type TokenScreenProps = {
	readonly repoRef: RepoRef;
	/** Bitbucket's web base (the git base), where the access-tokens page is. */
	readonly webUrl: string;
	readonly onToken: (token: string) => void;
	readonly onCancel: (reason: 'escape' | 'interrupt') => void;
};

export function TokenScreen({repoRef, webUrl, onToken, onCancel}: TokenScreenProps) {
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
			<Box marginTop={1}>
				<TokenPrompt repoRef={repoRef} webUrl={webUrl} access="read" onToken={onToken} />
			</Box>
			<Box marginTop={1}>
				<KeyHints
					hints={[
						{key: 'Enter', label: 'browse'},
						{key: 'Backspace', label: 'clear'},
						{key: 'Esc', label: 'quit'},
					]}
				/>
			</Box>
		</Box>
	);
}
