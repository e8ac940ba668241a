/**
 * Where bbtok-tui sends the token: the REST API base and the git host, from `--api-url` /
 * `--git-url`, else BBTOK_API_URL / BBTOK_GIT_URL, else Bitbucket Cloud. A URL that would
 * carry the token unencrypted off this machine, or that embeds credentials, is refused.
 */
import {UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';

export type Endpoints = {apiUrl: string; gitUrl: string};

export const defaultEndpoints: Endpoints = {
	apiUrl: 'https://api.bitbucket.org/2.0',
	gitUrl: 'https://bitbucket.org',
};

export function resolveEndpoints(
	flags: {apiUrl?: string; gitUrl?: string},
	env: NodeJS.ProcessEnv,
): Endpoints {
	return {
		apiUrl: resolveOne(flags.apiUrl, '--api-url', env.BBTOK_API_URL, 'BBTOK_API_URL', 'apiUrl'),
		gitUrl: resolveOne(flags.gitUrl, '--git-url', env.BBTOK_GIT_URL, 'BBTOK_GIT_URL', 'gitUrl'),
	};
}

/** True for hosts whose traffic never leaves the machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function resolveOne(
	flagValue: string | undefined,
	flagName: string,
	envValue: string | undefined,
	envName: string,
	key: keyof Endpoints,
): string {
	if (flagValue !== undefined) {
		return validate(flagValue, flagName);
	}

	// An empty variable is the shell's way of unsetting it.
	if (envValue !== undefined && envValue.trim() !== '') {
		return validate(envValue, envName);
	}

	return defaultEndpoints[key];
}

function validate(value: string, source: string): string {
	const text = value.trim();
	if (!URL.canParse(text)) {
		throw new UsageError(`${source} is not a URL: ${JSON.stringify(redact(text))}.`, {
			hint: 'Give a full URL such as https://api.bitbucket.org/2.0.',
		});
	}

	const url = new URL(text);
	if (url.username !== '' || url.password !== '') {
		throw new UsageError(`${source} must not contain credentials.`, {
			hint: 'Remove the user:password@ part; bbtok-tui sends the token itself.',
		});
	}

	const shown = JSON.stringify(redact(`${url.origin}${url.pathname}`));
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new UsageError(`${source} must be an https:// URL, not ${shown}.`);
	}

	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		throw new UsageError(`${source} uses plain http:// to ${url.hostname}: ${shown}.`, {
			hint: 'Use https://; plain http:// is allowed only for 127.0.0.0/8, ::1 and localhost, so the token never travels unencrypted.',
		});
	}

	if (url.search !== '' || url.hash !== '') {
		throw new UsageError(`${source} must not have a query or fragment: ${shown}.`);
	}

	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
