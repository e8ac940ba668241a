/**
 * What the token step says about the kind of secret being pasted, judged from its shape
 * only: a user API token (ATATT…) and an app password work differently from an access
 * token. Nothing here keeps or returns any part of the value.
 */
import {adviceFor, classifyToken} from './token.js';

/** Access tokens run to ~190 characters; app passwords to 20..36. Shorter is still being typed. */
const appPasswordLength = {min: 16, max: 64};

export type TokenAdvice = {
	/** `refuse`: it cannot work here. `warn`: it probably will not; the user may try. */
	readonly level: 'refuse' | 'warn';
	readonly text: string;
};

export function tokenAdvice(value: string): TokenAdvice | undefined {
	const token = value.trim();
	if (token === '') {
		return undefined;
	}

	const kind = classifyToken(token);
	const apiTokenAdvice = adviceFor(kind);
	if (apiTokenAdvice) {
		return {level: 'refuse', text: apiTokenAdvice};
	}

	if (
		kind === 'unknown' &&
		token.length >= appPasswordLength.min &&
		token.length <= appPasswordLength.max
	) {
		return {
			level: 'warn',
			text: 'This looks like an app password (short, no ATCTT prefix): it belongs to your user, so git needs your Bitbucket username (not x-token-auth) and the API needs Basic username:password; commits would not be the bot’s. Use a repository access token, or press Enter to try it anyway.',
		};
	}

	return undefined;
}
