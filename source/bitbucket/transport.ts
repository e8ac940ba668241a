/**
 * One authenticated GET to the REST API, as the client makes every one: the token sent only
 * to the API's own origin (a redirect elsewhere is refused before it is followed), retries
 * per retry.ts, the rate-limit and grant headers of every answer noted, and every failure
 * mapped by failures.ts.
 */
import type {Dispatcher} from 'undici';
import packageJson from '../../package.json' with {type: 'json'};
import {InterruptedError} from '../core/errors.js';
import {registerSecret} from '../core/redaction.js';
import {
	errorForFailure,
	errorForStatus,
	type RequestSubject,
	refusedOrigin,
	unexpectedResponse,
} from './failures.js';
import {type Grant, grantOf} from './grant.js';
import {proxyOf} from './http.js';
import {type RateLimit, rateLimitOf, single} from './rate-limit.js';
import type {RepoRef} from './repo-ref.js';
import {type RetryOptions, type RetryOutcome, withRetry} from './retry.js';
import type {Page} from './types.js';
import {request} from './undici.js';

export type TransportOptions = {
	/** REST base with its version path and no trailing slash, as resolveEndpoints returns it. */
	apiUrl: string;
	token: string;
	/** The run's connection stack (createDispatcher), shared with git and closed by the command. */
	dispatcher: Dispatcher;
	retry?: RetryOptions;
	/** Called with the rate-limit state of every response that announces one. */
	onRateLimit?: (rateLimit: RateLimit) => void;
	/** Bitbucket's web base (the git base), named in hints about making a new token. */
	webUrl?: string;
};

const userAgent = `bbtok-tui/${packageJson.version}`;
const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export class ApiTransport {
	/** The only origin the token is sent to. */
	readonly origin: string;
	readonly #apiUrl: string;
	readonly #host: string;
	readonly #headers: Record<string, string>;
	readonly #dispatcher: Dispatcher;
	readonly #retry: RetryOptions;
	readonly #onRateLimit: ((rateLimit: RateLimit) => void) | undefined;
	readonly #webUrl: string | undefined;
	#rateLimit: RateLimit | undefined;
	#grant: Grant | undefined;

	constructor(options: TransportOptions) {
		registerSecret(options.token);
		const base = new URL(options.apiUrl);
		this.#apiUrl = options.apiUrl.replace(/\/+$/, '');
		this.origin = base.origin;
		this.#host = base.host;
		this.#headers = {
			authorization: `Bearer ${options.token}`,
			accept: 'application/json',
			'user-agent': userAgent,
		};
		this.#dispatcher = options.dispatcher;
		this.#retry = options.retry ?? {};
		this.#onRateLimit = options.onRateLimit;
		this.#webUrl = options.webUrl;
	}

	get rateLimit(): RateLimit | undefined {
		return this.#rateLimit;
	}

	get grant(): Grant | undefined {
		return this.#grant;
	}

	/** What a failure message names: the host, what was asked for, the proxy used. */
	subject(what: string, ref?: RepoRef): RequestSubject {
		const proxy = proxyOf(this.#dispatcher);
		return {
			host: this.#host,
			what,
			...(ref ? {ref} : {}),
			...(proxy ? {proxy} : {}),
			...(this.#webUrl ? {webUrl: this.#webUrl} : {}),
		};
	}

	async getPage<T>(
		pathOrUrl: string,
		subject: RequestSubject,
		signal?: AbortSignal,
	): Promise<Page<T>> {
		const page = await this.get<Page<T>>(pathOrUrl, subject, signal);
		if (!Array.isArray(page.values)) {
			throw unexpectedResponse(subject, 'no list of values');
		}

		return page;
	}

	/** One GET: `pathOrUrl` is a path under the API base, or a full URL already checked for its origin. */
	async get<T>(pathOrUrl: string, subject: RequestSubject, signal?: AbortSignal): Promise<T> {
		let url = pathOrUrl.startsWith('/') ? `${this.#apiUrl}${pathOrUrl}` : pathOrUrl;
		for (let redirects = 0; ; redirects++) {
			const response = await this.#send(url, subject, signal);
			const {statusCode, headers, body} = response;
			if (redirectStatuses.has(statusCode)) {
				await body.dump();
				const location = single(headers.location);
				if (location === undefined || !URL.canParse(location, url)) {
					throw unexpectedResponse(subject, `a ${statusCode} redirect without a valid location`);
				}

				const target = new URL(location, url);
				if (target.origin !== this.origin) {
					throw refusedOrigin('redirect', target.href, this.origin);
				}

				if (redirects === maxRedirects) {
					throw unexpectedResponse(subject, `more than ${maxRedirects} redirects`);
				}

				url = target.href;
				continue;
			}

			const text = await this.#read(body, subject, signal);
			if (signal?.aborted) {
				throw new InterruptedError();
			}

			if (statusCode < 200 || statusCode >= 300) {
				throw errorForStatus(
					statusCode,
					response.statusText ?? '',
					text,
					subject,
					response.outcome,
				);
			}

			try {
				return JSON.parse(text) as T;
			} catch {
				throw unexpectedResponse(subject, 'not JSON');
			}
		}
	}

	async #send(url: string, subject: RequestSubject, signal: AbortSignal | undefined) {
		if (signal?.aborted) {
			throw new InterruptedError();
		}

		const outcome: RetryOutcome = {attempts: 1, waitedMs: 0};
		try {
			const response = await request(url, {
				method: 'GET',
				headers: this.#headers,
				dispatcher: withRetry(this.#dispatcher, this.#retry, outcome, signal),
				...(signal ? {signal} : {}),
			});
			this.#noteHeaders(response.headers);
			return {...response, outcome};
		} catch (error) {
			throw errorForFailure(error, subject, signal);
		}
	}

	async #read(
		body: Dispatcher.ResponseData['body'],
		subject: RequestSubject,
		signal?: AbortSignal,
	) {
		try {
			return await body.text();
		} catch (error) {
			throw errorForFailure(error, subject, signal);
		}
	}

	#noteHeaders(headers: Dispatcher.ResponseData['headers']): void {
		this.#grant = grantOf(headers) ?? this.#grant;
		const rateLimit = rateLimitOf(headers);
		if (rateLimit) {
			this.#rateLimit = rateLimit;
			this.#onRateLimit?.(rateLimit);
		}
	}
}
