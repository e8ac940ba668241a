/**
 * Where `status` finds the token a clone authenticates with, in the order git itself would
 * use one: a secret embedded in the remote URL, then the credential helpers (asked without
 * any prompt), then what the user handed bbtok-tui (`--token-stdin`, BITBUCKET_ACCESS_TOKEN).
 * Nothing is stored or changed: a helper is only asked, never told.
 */
import {registerSecret} from '../../core/redaction.js';
import {fillToken} from '../../git/credential-store.js';
import type {GitRun} from '../../git/git-cli.js';
import {splitCredentials} from '../fix-remote/credentials.js';

export type TokenSource = 'embedded-url' | 'credential-helper' | 'token-stdin' | 'env';

export type FoundToken = {readonly value: string; readonly source: TokenSource};

/** The token the user gave this run, read only when the clone itself holds none. */
export type GivenToken = () => Promise<FoundToken | undefined>;

export async function findToken(options: {
	remoteUrl: string;
	git: GitRun;
	given: GivenToken;
}): Promise<{found?: FoundToken; helperUnavailable?: string}> {
	const embedded = splitCredentials(options.remoteUrl);
	if (embedded !== undefined && embedded.secret !== '') {
		const value = decode(embedded.secret);
		registerSecret(value);
		return {found: {value, source: 'embedded-url'}};
	}

	let helperUnavailable: string | undefined;
	if (/^https?:\/\//i.test(options.remoteUrl)) {
		try {
			const value = await fillToken(options.git, options.remoteUrl);
			if (value !== undefined) {
				return {found: {value, source: 'credential-helper'}};
			}
		} catch (error) {
			// Without git there is no helper to ask; a given token can still be checked.
			helperUnavailable = error instanceof Error ? error.message : String(error);
		}
	}

	const given = await options.given();
	return {
		...(given === undefined ? {} : {found: given}),
		...(helperUnavailable === undefined ? {} : {helperUnavailable}),
	};
}

function decode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
