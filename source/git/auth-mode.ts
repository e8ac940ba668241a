/**
 * How a clone's remote authenticates, read offline from its URL and config alone: the mode
 * (PRODUCT.md's names) and whether it can still work. App passwords were removed by Atlassian
 * on 28 July 2026 and account passwords have not worked for git since March 2022, so a
 * `user:secret` whose secret is neither an access token nor a user API token is dead.
 * `status` adds live probes on top of this; `status --scan` shows it as it is.
 */
import {classifyToken} from '../bitbucket/token.js';
import {tokenUsername} from './remote-url.js';

export type FoundAuthMode =
	| 'prompt'
	| 'helper'
	| 'embed'
	| 'app-password'
	| 'api-token'
	| 'user-password'
	| 'ssh'
	| 'other';

/** `ok`: can work as configured; `needs-token`: git will ask for a secret; `dead`: cannot work. */
export type Verdict = 'ok' | 'needs-token' | 'dead';

export type RemoteAuth = {
	readonly mode: FoundAuthMode;
	readonly verdict: Verdict;
	/** The URL's username, when it has one (never the secret). */
	readonly username?: string;
	/** True when the URL itself holds a secret. */
	readonly embedsSecret: boolean;
};

/** Git's username for user API tokens (or the account's own username). */
export const apiTokenUsername = 'x-bitbucket-api-token-auth';

/**
 * `url` is a Bitbucket remote's URL; `helperScoped` is true when the clone's config scopes a
 * credential helper to that URL (`credential.<url>.helper`), as `--auth helper` sets up.
 */
export function remoteAuthOf(url: string, options: {helperScoped?: boolean} = {}): RemoteAuth {
	if (!/^https?:\/\//i.test(url)) {
		// scp-like `git@host:ws/repo.git` and ssh:// both use the user's SSH keys.
		const ssh = /^ssh:\/\//i.test(url) || /^[^/:]+@[^/:]+:/.test(url) || /^[^/:]+:/.test(url);
		return {mode: ssh ? 'ssh' : 'other', verdict: 'ok', embedsSecret: false};
	}

	const {username, password} = userinfoOf(url);
	if (password !== undefined) {
		return {...secretAuth(username ?? '', password), username: username ?? '', embedsSecret: true};
	}

	if (username === tokenUsername) {
		return {
			mode: options.helperScoped ? 'helper' : 'prompt',
			verdict: 'ok',
			username,
			embedsSecret: false,
		};
	}

	if (username === apiTokenUsername) {
		return {mode: 'api-token', verdict: 'ok', username, embedsSecret: false};
	}

	// No username, or an account name: git asks for a password, and only a user API token
	// (not the account password, not an app password) still answers it.
	return {
		mode: username === undefined ? 'other' : 'user-password',
		verdict: 'needs-token',
		...(username === undefined ? {} : {username}),
		embedsSecret: false,
	};
}

/** Mode and verdict of a `user:secret` pair, from a URL or a credential-file line. */
export function secretAuth(
	username: string,
	secret: string,
): {mode: FoundAuthMode; verdict: Verdict} {
	const kind = classifyToken(secret);
	if (username === tokenUsername || kind === 'access-token') {
		return {mode: 'embed', verdict: 'ok'};
	}

	if (kind === 'api-token') {
		return {mode: 'api-token', verdict: 'ok'};
	}

	return {mode: kind === 'app-password' ? 'app-password' : 'user-password', verdict: 'dead'};
}

/** The decoded username and password of an http(s) URL; undefined where absent. */
function userinfoOf(url: string): {username?: string; password?: string} {
	const match = /^https?:\/\/([^/@]*)@/i.exec(url);
	if (match === null) {
		return {};
	}

	const [user, ...rest] = match[1]!.split(':');
	const decode = (value: string) => {
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	};
	return {
		...(user === '' ? {} : {username: decode(user!)}),
		...(rest.length === 0 ? {} : {password: decode(rest.join(':'))}),
	};
}
