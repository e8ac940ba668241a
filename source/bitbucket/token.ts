/**
 * Token rules: how a pasted or piped token is cleaned, refused, recognised, and kept out
 * of every line bbtok-tui prints.
 */
import {UsageError} from '../core/errors.js';
import {registerSecret} from '../core/redaction.js';

/** Prefixes Atlassian puts on its tokens; a hint for advice only, never a validity check. */
const accessTokenPrefix = 'ATCTT3xFfGN0';
const apiTokenPrefix = 'ATATT3xFfGF0';
/** App passwords (removed by Atlassian on 28 July 2026) began with ATBB. */
const appPasswordPrefix = 'ATBB';

export type TokenKind = 'access-token' | 'api-token' | 'app-password' | 'unknown';

/**
 * Trims surrounding whitespace and refuses what no Bitbucket token contains, before the
 * value is sent anywhere. The error never quotes the value.
 */
export function normalizeToken(raw: string): string {
	const token = raw.trim();
	if (token === '') {
		throw new UsageError('The token is empty.');
	}

	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
	if (/[\u0000-\u001F\u007F-\u009F]/.test(token)) {
		throw new UsageError('The token contains control characters; paste it again as plain text.');
	}

	if (/\s/.test(token)) {
		throw new UsageError('The token contains whitespace; a Bitbucket token is a single word.');
	}

	registerSecret(token);
	return token;
}

export function classifyToken(token: string): TokenKind {
	if (token.startsWith(accessTokenPrefix)) {
		return 'access-token';
	}

	if (token.startsWith(apiTokenPrefix)) {
		return 'api-token';
	}

	if (token.startsWith(appPasswordPrefix)) {
		return 'app-password';
	}

	return 'unknown';
}

/** Why a kind of token cannot be used here, as a one-line message and the next step. */
export type TokenRefusal = {readonly message: string; readonly hint: string};

/** The refusal for a token that is not a repository/project/workspace access token, or undefined. */
export function refusalFor(kind: TokenKind): TokenRefusal | undefined {
	if (kind === 'api-token') {
		return {
			message: 'This is a user API token, not a Bitbucket access token.',
			hint: 'This looks like a user API token (ATATT…), not an access token: git needs the username x-bitbucket-api-token-auth (or your Bitbucket username) and the REST API needs Basic email:token. Create a repository, project or workspace access token instead.',
		};
	}

	if (kind === 'app-password') {
		return {
			message:
				'This is an app password (ATBB…): Atlassian removed app passwords on 28 July 2026, so it works for neither git nor the API.',
			hint: 'Create a repository access token instead (repository settings → Access tokens, scopes repository and repository:write); nothing was sent.',
		};
	}

	return undefined;
}

/** The refusal of `kind` as one line, for screens that show a single notice. */
export function adviceFor(kind: TokenKind): string | undefined {
	const refusal = refusalFor(kind);
	if (refusal === undefined) {
		return undefined;
	}

	return kind === 'app-password' ? `${refusal.message} ${refusal.hint}` : refusal.hint;
}
