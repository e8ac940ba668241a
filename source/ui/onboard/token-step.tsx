/**
 * Step 2: the token, through the shared prompt, with the token the wizard can offer: the
 * demo's throwaway one or BITBUCKET_ACCESS_TOKEN, used on Enter with the field empty.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {Notice} from '../components/notice.js';
import {TokenPrompt} from '../components/token-prompt.js';

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
	return (
		<TokenPrompt
			repoRef={repoRef}
			webUrl={webUrl}
			access="push"
			offered={envToken ?? demoToken}
			onToken={onSubmit}
		>
			{demoToken ? (
				<Notice>{`Demo token (paste it, or press Enter with the field empty to use it):\n${demoToken}`}</Notice>
			) : null}
			{envToken ? (
				<Notice>
					BITBUCKET_ACCESS_TOKEN is set: press Enter with the field empty to use it, or paste
					another token.
				</Notice>
			) : null}
		</TokenPrompt>
	);
}
