/**
 * The one undici connection stack shared by the REST client and the git transport: bounded
 * connect/headers/body timeouts, and the proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY of the
 * given environment. Deliberately no retry or redirect here: each caller decides what is safe
 * to repeat and where its credentials may go.
 */
import type {Dispatcher} from 'undici';
import {UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {Agent, EnvHttpProxyAgent} from './undici.js';

export type DispatcherOptions = {
	/** The environment whose proxy variables apply (the command's, never read from process.env here). */
	env: NodeJS.ProcessEnv;
	/** TCP + TLS handshake; default 10 s. */
	connectTimeoutMs?: number;
	/** From request sent to response headers received; default 30 s. */
	headersTimeoutMs?: number;
	/** Longest silence while a body streams in (not the total); default 60 s. */
	bodyTimeoutMs?: number;
};

export const defaultTimeouts = {connectMs: 10_000, headersMs: 30_000, bodyMs: 60_000} as const;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
	const {env} = options;
	const agentOptions = {
		connect: {timeout: options.connectTimeoutMs ?? defaultTimeouts.connectMs},
		headersTimeout: options.headersTimeoutMs ?? defaultTimeouts.headersMs,
		bodyTimeout: options.bodyTimeoutMs ?? defaultTimeouts.bodyMs,
	};
	const proxy = proxySettingsOf(env);
	if (proxy === undefined) {
		return new Agent(agentOptions);
	}

	checkProxyUrls(env);

	// Every value is passed explicitly ('' = none) so that undici never falls back to
	// process.env when the caller gave another environment.
	const dispatcher = new EnvHttpProxyAgent({...agentOptions, ...proxy});
	proxies.set(dispatcher, redact(proxy.httpsProxy || proxy.httpProxy));
	return dispatcher;
}

const proxies = new WeakMap<Dispatcher, string>();

/** The (redacted) proxy a dispatcher from createDispatcher goes through, for error hints. */
export function proxyOf(dispatcher: Dispatcher): string | undefined {
	return proxies.get(dispatcher);
}

/** Refuses a proxy variable that is not an http(s) URL, by name (undici would say "Invalid URL" or fail later). */
function checkProxyUrls(env: NodeJS.ProcessEnv): void {
	for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
		const value = env[name];
		if (value && !(/^https?:\/\/[^/]/i.test(value) && URL.canParse(value))) {
			throw new UsageError(`${name} is not an http(s) URL: ${JSON.stringify(redact(value))}.`, {
				hint: "Set it to the proxy's URL (e.g. http://proxy.example:3128), or unset it.",
			});
		}
	}
}

/** The proxy variables of `env` (lowercase first, as curl and undici read them), or undefined. */
export function proxySettingsOf(
	env: NodeJS.ProcessEnv,
): {httpProxy: string; httpsProxy: string; noProxy: string} | undefined {
	const httpProxy = env.http_proxy || env.HTTP_PROXY || '';
	const httpsProxy = env.https_proxy || env.HTTPS_PROXY || httpProxy;
	if (httpsProxy === '' && httpProxy === '') {
		return undefined;
	}

	return {httpProxy, httpsProxy, noProxy: env.no_proxy || env.NO_PROXY || ''};
}
