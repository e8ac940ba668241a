/**
 * Step 2: the token. Says where to create one and which scopes it needs, offers the token
 * from BITBUCKET_ACCESS_TOKEN, recognises a user API token or an app password and explains
 * the difference. The input draws nothing of the token, not even its length.
 */
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import {checkedToken} from '../../onboard/token-source.js';
import {ErrorPanel} from '../components/error-panel.js';
import {Notice} from '../components/notice.js';
import {SecretInput} from '../components/secret-input/secret-input.js';
import {usePalette} from '../components/theme.js';
import {type TokenAdvice, tokenAdvice} from './token-advice.js';
import {type Failure, failureOf} from './wizard-state.js';

export type TokenStepProps = {
	readonly repoRef: RepoRef;
	/** Bitbucket's web base (the git base), where the access-tokens page is. */
	readonly webUrl?: string;
	/** BITBUCKET_ACCESS_TOKEN, normalised: Enter on an empty input uses it. */
	readonly envToken?: string;
	/**
	 * `bbtok-tui demo`: the sandbox's throwaway token, shown so the user can paste it, and
	 * used on Enter with the field empty (a token wrapped over lines does not copy well).
	 */
	readonly demoToken?: string;
	readonly onSubmit: (token: string) => void;
};

export function TokenStep({repoRef, webUrl, envToken, demoToken, onSubmit}: TokenStepProps) {
	const palette = usePalette();
	const [advice, setAdvice] = useState<TokenAdvice | undefined>();
	const [failure, setFailure] = useState<Failure | undefined>();
	const onChange = useCallback((value: string) => {
		setFailure(undefined);
		setAdvice(tokenAdvice(value));
	}, []);
	const submit = useCallback(
		(value: string) => {
			const offered = envToken ?? demoToken;
			try {
				// The offered token goes through the same checks: an API token in the variable gets the same advice.
				onSubmit(checkedToken(value.trim() === '' && offered ? offered : value));
			} catch (error) {
				setFailure(failureOf(error));
			}
		},
		[envToken, demoToken, onSubmit],
	);

	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text>
					An access token for <Text bold>{formatRepoRef(repoRef)}</Text>
				</Text>
				<Text color={palette.muted}>
					Create one at {accessTokensPage(repoRef, webUrl)} (or a project/workspace access token).
				</Text>
				<Text color={palette.muted}>
					Scopes: <Text bold>repository</Text> to clone, <Text bold>repository:write</Text> to push.
				</Text>
			</Box>
			{demoToken ? (
				<Notice>{`Demo token (paste it, or press Enter with the field empty to use it): ${demoToken}`}</Notice>
			) : null}
			{envToken ? (
				<Notice>
					BITBUCKET_ACCESS_TOKEN is set: press Enter with the field empty to use it, or paste
					another token.
				</Notice>
			) : null}
			<Box>
				<Text bold>Token </Text>
				<SecretInput
					placeholder="paste the token (nothing is shown)"
					filledLabel="token entered (hidden) · Enter to check it"
					onChange={onChange}
					onSubmit={submit}
				/>
			</Box>
			{failure ? (
				<ErrorPanel message={failure.message} hint={failure.hint} />
			) : advice ? (
				<Notice kind="warning">{advice.text}</Notice>
			) : null}
		</Box>
	);
}
