/**
 * The screen before the browser in an interactive `commits` run without
 * BITBUCKET_ACCESS_TOKEN: the shared header and token prompt (nothing of the token is drawn),
 * Esc or Ctrl+C to leave.
 */
import {Box, useInput} from 'ink';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {Header} from '../components/header.js';
import {KeyHints} from '../components/key-hints.js';
import {TokenPrompt} from '../components/token-prompt.js';
import {useTerminalSize} from '../components/use-terminal-size.js';

export type TokenScreenProps = {
	readonly repoRef: RepoRef;
	/** Bitbucket's web base (the git base), where the access-tokens page is. */
	readonly webUrl: string;
	readonly onToken: (token: string) => void;
	readonly onCancel: (reason: 'escape' | 'interrupt') => void;
};

export function TokenScreen({repoRef, webUrl, onToken, onCancel}: TokenScreenProps) {
	const {columns} = useTerminalSize();
	useInput((input, key) => {
		if (key.ctrl && input === 'c') {
			onCancel('interrupt');
		} else if (key.escape) {
			onCancel('escape');
		}
	});
	return (
		<Box flexDirection="column">
			<Header title="commits" detail={formatRepoRef(repoRef)} width={columns} />
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
