/**
 * The git URLs of a Bitbucket repository: the credential-free one bbtok-tui clones from,
 * and the one written to `remote.origin.url` for each `--auth` mode. Both keep the
 * configured git URL's scheme, host, port and path prefix (a sandbox or proxy base).
 */
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {AuthMode} from '../core/context.js';
import {UsageError} from '../core/errors.js';

/** Git's username for access tokens; the token itself is the password. */
export const tokenUsername = 'x-token-auth';

/** `https://bitbucket.org/ws/repo.git`, with no credentials. */
export function cloneUrl(gitUrl: string, ref: RepoRef): string {
	const {scheme, hostAndPath} = splitBase(gitUrl);
	return `${scheme}//${hostAndPath}/${ref.workspace}/${ref.repo}.git`;
}

/**
 * `prompt`: `https://x-token-auth@host/ws/repo.git`, so git asks for the token (or a
 * credential helper supplies it). `embed`: `https://x-token-auth:TOKEN@host/ws/repo.git`,
 * the token in plain text, chosen explicitly by the user.
 */
export function remoteUrlFor(gitUrl: string, ref: RepoRef, auth: AuthMode, token?: string): string {
	if (auth === 'embed' && !token) {
		throw new UsageError('Embedding the token in the remote URL needs a token.');
	}

	const userinfo = auth === 'embed' ? `${tokenUsername}:${encodeUserinfo(token!)}` : tokenUsername;
	const {scheme, hostAndPath} = splitBase(gitUrl);
	return `${scheme}//${userinfo}@${hostAndPath}/${ref.workspace}/${ref.repo}.git`;
}

/** Scheme and `host[:port][/prefix]` of the git base URL, dropping any credentials, query or fragment. */
function splitBase(gitUrl: string): {scheme: string; hostAndPath: string} {
	let base: URL;
	try {
		base = new URL(gitUrl);
	} catch {
		throw new UsageError('The git URL is not a valid URL.', {
			hint: 'Pass --git-url (or BBTOK_GIT_URL) like https://bitbucket.org.',
		});
	}

	return {scheme: base.protocol, hostAndPath: `${base.host}${base.pathname.replace(/\/+$/, '')}`};
}

/**
 * Percent-encodes only what RFC 3986 forbids in userinfo, so a token with `=` or `+`
 * (common in Bitbucket tokens) appears in `.git/config` exactly as it was issued.
 */
function encodeUserinfo(value: string): string {
	return value.replace(/[^\w.~!$&'()*+,;=-]/gu, (character) => encodeURIComponent(character));
}
