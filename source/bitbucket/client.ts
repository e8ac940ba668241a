/**
 * The Bitbucket Cloud REST client: the few GETs bbtok-tui needs, with the token sent only to
 * the API's own origin (redirects and `next` links elsewhere are refused before any request),
 * retries per retry.ts, rate-limit tracking, and every failure mapped by failures.ts.
 */
import {type Dispatcher, request} from 'undici';
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
import {proxyOf} from './http.js';
import {type RateLimit, rateLimitOf, single} from './rate-limit.js';
import {formatRepoRef, type RepoRef} from './repo-ref.js';
import {type RetryOptions, type RetryOutcome, withRetry} from './retry.js';
import type {Branch, Commit, CommitStatus, Diffstat, Page, Repository, Tag} from './types.js';

export type {RateLimit} from './rate-limit.js';
export type {RetryOptions} from './retry.js';

export type ClientOptions = {
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

type Signal = {signal?: AbortSignal};

const userAgent = `bbtok-tui/${packageJson.version}`;
const maxRedirects = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);
/** The largest page Bitbucket serves for most collections: fewer requests against the rate limit. */
const fullPage = 100;

export class BitbucketClient {
	readonly #apiUrl: string;
	readonly #origin: string;
	readonly #host: string;
	readonly #headers: Record<string, string>;
	readonly #dispatcher: Dispatcher;
	readonly #retry: RetryOptions;
	readonly #onRateLimit: ((rateLimit: RateLimit) => void) | undefined;
	readonly #webUrl: string | undefined;
	#rateLimit: RateLimit | undefined;

	constructor(options: ClientOptions) {
		registerSecret(options.token);
		const base = new URL(options.apiUrl);
		this.#apiUrl = options.apiUrl.replace(/\/+$/, '');
		this.#origin = base.origin;
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

	/** The state announced by the latest response that carried rate-limit headers. */
	get rateLimit(): RateLimit | undefined {
		return this.#rateLimit;
	}

	/** Also the cheapest check that a token reaches a repository (GET /user refuses access tokens). */
	async getRepository(ref: RepoRef, options: Signal = {}): Promise<Repository> {
		return this.#get(
			repositoryPath(ref),
			this.#subject(`repository ${formatRepoRef(ref)}`, ref),
			options.signal,
		);
	}

	async listRepositories(
		workspace: string,
		options: Signal & {pagelen?: number} = {},
	): Promise<Page<Repository>> {
		const path = `/repositories/${encodeURIComponent(workspace)}${query({pagelen: options.pagelen})}`;
		const subject = {...this.#subject(`workspace ${workspace}`), workspace};
		return this.#getPage(path, subject, options.signal);
	}

	/** Newest first, from `revision` (a branch, tag or hash) or from every branch when absent. */
	async listCommits(
		ref: RepoRef,
		options: Signal & {revision?: string; pagelen?: number} = {},
	): Promise<Page<Commit>> {
		const revision =
			options.revision === undefined ? '' : `/${encodeURIComponent(options.revision)}`;
		const path = `${repositoryPath(ref)}/commits${revision}${query({pagelen: options.pagelen})}`;
		const what =
			options.revision === undefined
				? `repository ${formatRepoRef(ref)}`
				: `revision ${options.revision} of ${formatRepoRef(ref)}`;
		return this.#getPage(path, this.#subject(what, ref), options.signal);
	}

	async getCommit(ref: RepoRef, hash: string, options: Signal = {}): Promise<Commit> {
		const path = `${repositoryPath(ref)}/commit/${encodeURIComponent(hash)}`;
		return this.#get(
			path,
			this.#subject(`commit ${hash} of ${formatRepoRef(ref)}`, ref),
			options.signal,
		);
	}

	/** Every file changed by `spec` (a commit, or `a..b`), all pages. */
	async getDiffstat(ref: RepoRef, spec: string, options: Signal = {}): Promise<Diffstat[]> {
		const path = `${repositoryPath(ref)}/diffstat/${encodeURIComponent(spec)}`;
		const subject = this.#subject(`changes of ${spec} in ${formatRepoRef(ref)}`, ref);
		return this.#collect(await this.#getPage<Diffstat>(path, subject, options.signal), options);
	}

	async listBranches(ref: RepoRef, options: Signal = {}): Promise<Branch[]> {
		const path = `${repositoryPath(ref)}/refs/branches${query({pagelen: fullPage})}`;
		const subject = this.#subject(`repository ${formatRepoRef(ref)}`, ref);
		return this.#collect(await this.#getPage<Branch>(path, subject, options.signal), options);
	}

	async listTags(ref: RepoRef, options: Signal = {}): Promise<Tag[]> {
		const path = `${repositoryPath(ref)}/refs/tags${query({pagelen: fullPage})}`;
		const subject = this.#subject(`repository ${formatRepoRef(ref)}`, ref);
		return this.#collect(await this.#getPage<Tag>(path, subject, options.signal), options);
	}

	/** Every build status of a commit, all pages (one request for up to 100 statuses). */
	async listCommitStatuses(
		ref: RepoRef,
		hash: string,
		options: Signal = {},
	): Promise<CommitStatus[]> {
		const path = `${repositoryPath(ref)}/commit/${encodeURIComponent(hash)}/statuses${query({pagelen: fullPage})}`;
		const subject = this.#subject(`build statuses of ${hash} in ${formatRepoRef(ref)}`, ref);
		return this.#collect(await this.#getPage<CommitStatus>(path, subject, options.signal), options);
	}

	/**
	 * The page after `page`, or undefined on the last one. `next` is followed as an opaque URL,
	 * but only on the API's origin: anywhere else would receive the token.
	 */
	async nextPage<T>(page: Page<T>, options: Signal = {}): Promise<Page<T> | undefined> {
		if (page.next === undefined) {
			return undefined;
		}

		if (!URL.canParse(page.next) || new URL(page.next).origin !== this.#origin) {
			throw refusedOrigin('next page', page.next, this.#origin);
		}

		return this.#getPage(page.next, this.#subject('the next page'), options.signal);
	}

	/** Every value of `first` and the pages after it, fetched as the caller consumes them. */
	async *paginate<T>(first: Page<T>, options: Signal = {}): AsyncGenerator<T> {
		for (let page: Page<T> | undefined = first; page; page = await this.nextPage(page, options)) {
			yield* page.values;
		}
	}

	async #collect<T>(first: Page<T>, options: Signal): Promise<T[]> {
		const values: T[] = [];
		for await (const value of this.paginate(first, options)) {
			values.push(value);
		}

		return values;
	}

	#subject(what: string, ref?: RepoRef): RequestSubject {
		const proxy = proxyOf(this.#dispatcher);
		return {
			host: this.#host,
			what,
			...(ref ? {ref} : {}),
			...(proxy ? {proxy} : {}),
			...(this.#webUrl ? {webUrl: this.#webUrl} : {}),
		};
	}

	async #getPage<T>(
		pathOrUrl: string,
		subject: RequestSubject,
		signal?: AbortSignal,
	): Promise<Page<T>> {
		const page = await this.#get<Page<T>>(pathOrUrl, subject, signal);
		if (!Array.isArray(page.values)) {
			throw unexpectedResponse(subject, 'no list of values');
		}

		return page;
	}

	/** One GET: `pathOrUrl` is a path under the API base, or a full URL already checked for its origin. */
	async #get<T>(
		pathOrUrl: string,
		subject: RequestSubject,
		signal: AbortSignal | undefined,
	): Promise<T> {
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
				if (target.origin !== this.#origin) {
					throw refusedOrigin('redirect', target.href, this.#origin);
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
			this.#noteRateLimit(response.headers);
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

	#noteRateLimit(headers: Dispatcher.ResponseData['headers']): void {
		const rateLimit = rateLimitOf(headers);
		if (rateLimit) {
			this.#rateLimit = rateLimit;
			this.#onRateLimit?.(rateLimit);
		}
	}
}

function repositoryPath(ref: RepoRef): string {
	return `/repositories/${encodeURIComponent(ref.workspace)}/${encodeURIComponent(ref.repo)}`;
}

function query(parameters: Record<string, number | undefined>): string {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(parameters)) {
		if (value !== undefined) {
			search.set(name, String(value));
		}
	}

	return search.size === 0 ? '' : `?${search}`;
}
