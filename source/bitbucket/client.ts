/**
 * The Bitbucket Cloud REST client: the few GETs bbtok-tui needs, each made by the transport
 * (token on the API's origin only, retries, rate-limit and grant headers, failures mapped);
 * `next` links elsewhere are refused before any request.
 */
import {query, repositoryPath} from './api-paths.js';
import {refusedOrigin} from './failures.js';
import type {Grant} from './grant.js';
import type {RateLimit} from './rate-limit.js';
import {formatRepoRef, type RepoRef} from './repo-ref.js';
import {ApiTransport, type TransportOptions} from './transport.js';
import type {
	Branch,
	Commit,
	CommitStatus,
	Diffstat,
	Page,
	Pipeline,
	Repository,
	Tag,
} from './types.js';

export type {Grant} from './grant.js';
export type {RateLimit} from './rate-limit.js';
export type {RetryOptions} from './retry.js';

export type ClientOptions = TransportOptions;

type Signal = {signal?: AbortSignal};

/** The largest page Bitbucket serves for most collections: fewer requests against the rate limit. */
const fullPage = 100;

export class BitbucketClient {
	readonly #transport: ApiTransport;

	constructor(options: ClientOptions) {
		this.#transport = new ApiTransport(options);
	}

	/** The state announced by the latest response that carried rate-limit headers. */
	get rateLimit(): RateLimit | undefined {
		return this.#transport.rateLimit;
	}

	/** The scopes and credential type the latest response stated (x-oauth-scopes, x-credential-type). */
	get grant(): Grant | undefined {
		return this.#transport.grant;
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
	 * One page of the repository's pipelines, newest first: one request that says how many
	 * commits were built (needs the `pipeline` scope).
	 */
	async listPipelines(
		ref: RepoRef,
		options: Signal & {pagelen?: number} = {},
	): Promise<Page<Pipeline>> {
		const pagelen = options.pagelen ?? fullPage;
		const path = `${repositoryPath(ref)}/pipelines?pagelen=${pagelen}&sort=-created_on`;
		const subject = this.#subject(`pipelines of ${formatRepoRef(ref)}`, ref);
		return this.#getPage(path, subject, options.signal);
	}

	/**
	 * The page after `page`, or undefined on the last one. `next` is followed as an opaque URL,
	 * but only on the API's origin: anywhere else would receive the token.
	 */
	async nextPage<T>(page: Page<T>, options: Signal = {}): Promise<Page<T> | undefined> {
		if (page.next === undefined) {
			return undefined;
		}

		if (!URL.canParse(page.next) || new URL(page.next).origin !== this.#transport.origin) {
			throw refusedOrigin('next page', page.next, this.#transport.origin);
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

	#subject(what: string, ref?: RepoRef) {
		return this.#transport.subject(what, ref);
	}

	#get<T>(path: string, subject: ReturnType<ApiTransport['subject']>, signal?: AbortSignal) {
		return this.#transport.get<T>(path, subject, signal);
	}

	#getPage<T>(path: string, subject: ReturnType<ApiTransport['subject']>, signal?: AbortSignal) {
		return this.#transport.getPage<T>(path, subject, signal);
	}
}
