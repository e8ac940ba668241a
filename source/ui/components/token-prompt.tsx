/**
 * The access-token question, shared by the wizard, `commits` and `fix-remote`: where to
 * create a token and with which scopes, an input that draws nothing of the token
 * (SecretInput), advice while a user API token or an app password is being pasted, and a
 * refusal before anything is sent when the value cannot be an access token. Keys other
 * than the input's (Esc, Ctrl+C) belong to the screen around it.
 */
import {Box, Text} from 'ink';
import {type ReactNode, useCallback, useState} from 'react';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {type TokenAdvice, tokenAdvice} from '../../bitbucket/token-advice.js';
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import {describeError} from '../../core/output.js';
import {checkedToken} from '../../use-cases/token-source.js';
import {ErrorPanel, type ErrorPanelProps} from './error-panel.js';
import {Notice} from './notice.js';
import {SecretInput} from './secret-input/secret-input.js';
import {usePalette} from './theme.js';

export type TokenPromptProps = {
	readonly repoRef: RepoRef;
	/** Bitbucket's web base (the git base), where the access-tokens page is. */
	readonly webUrl?: string | undefined;
	/** `read` asks for the `repository` scope; `push` for `repository:write` too. */
	readonly access: 'read' | 'push';
	/**
	 * A token Enter on the empty field uses (BITBUCKET_ACCESS_TOKEN, the demo's). It goes
	 * through the same checks as a typed one; `children` should say that it is offered.
	 */
	readonly offered?: string | undefined;
	/**
	 * Why the previous token was refused (by Bitbucket, say); shown until something is typed.
	 * Read when the prompt mounts: give each attempt its own `key`.
	 */
	readonly failure?: ErrorPanelProps | undefined;
	/** Called with the token, normalised, once it passed the local checks. */
	readonly onToken: (token: string) => void;
	/** Notices between the explanation and the input. */
	readonly children?: ReactNode;
};

export function TokenPrompt({
	repoRef,
	webUrl,
	access,
	offered,
	failure,
	onToken,
	children,
}: TokenPromptProps) {
	const palette = usePalette();
	const [advice, setAdvice] = useState<TokenAdvice | undefined>();
	const [refusal, setRefusal] = useState<ErrorPanelProps | undefined>(failure);
	// A refused value is dropped (the input remounts empty): the next paste must not append to it.
	const [attempt, setAttempt] = useState(0);
	const onChange = useCallback((value: string) => {
		setRefusal(undefined);
		setAdvice(tokenAdvice(value));
	}, []);
	const onSubmit = useCallback(
		(value: string) => {
			try {
				onToken(checkedToken(value.trim() === '' && offered ? offered : value));
			} catch (error) {
				setAdvice(undefined);
				setRefusal(describeError(error));
				setAttempt((count) => count + 1);
			}
		},
		[offered, onToken],
	);

	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text>
					Access token for <Text bold>{formatRepoRef(repoRef)}</Text> (input hidden)
				</Text>
				<Text color={palette.muted}>
					Create one at {accessTokensPage(repoRef, webUrl)} (or a project/workspace access token).
				</Text>
				<Text color={palette.muted}>
					{access === 'push' ? 'Scopes: ' : 'Scope: '}
					<Text bold>repository</Text> to clone and fetch
					{access === 'push' ? (
						<>
							, <Text bold>repository:write</Text> to push
						</>
					) : null}
					.
				</Text>
			</Box>
			{children}
			<Box>
				<Text bold>Token </Text>
				<SecretInput
					key={attempt}
					placeholder="paste the token (nothing is shown)"
					filledLabel="token entered (hidden) · Enter to check it"
					onChange={onChange}
					onSubmit={onSubmit}
				/>
			</Box>
			{refusal ? (
				<ErrorPanel {...refusal} />
			) : advice ? (
				<Notice kind="warning">{advice.text}</Notice>
			) : offered ? null : (
				<Text color={palette.muted}>Tip: set BITBUCKET_ACCESS_TOKEN to skip this prompt.</Text>
			)}
		</Box>
	);
}
