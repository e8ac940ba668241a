/**
 * The commit list's data: pages of 100 commits loaded on demand, newest first. The browser
 * calls `prefetch(index)` as the cursor moves; the next page is requested while the cursor
 * is still well above the end of what is loaded, so scrolling does not stop at a spinner
 * when the API answers in time. `loadAll()` (the `G` key) keeps loading to the end.
 * State is a snapshot replaced on every change, for React's useSyncExternalStore.
 */
import type {BitbucketClient} from '../bitbucket/client.js';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {Branch, Commit, Page, Tag} from '../bitbucket/types.js';
import {InterruptedError} from '../core/errors.js';
import {type CommitEntry, toCommitEntry} from './commit-entry.js';

/** What the browser and the headless printer need of BitbucketClient (tests and benchmarks pass fakes). */
export type CommitsApi = Pick<
	BitbucketClient,
	| 'getRepository'
	| 'listCommits'
	| 'nextPage'
	| 'getCommit'
	| 'getDiffstat'
	| 'listBranches'
	| 'listTags'
	| 'listCommitStatuses'
	| 'listPipelines'
> & {readonly rateLimit: BitbucketClient['rateLimit']; readonly grant: BitbucketClient['grant']};

export type FeedSnapshot = {
	readonly entries: readonly CommitEntry[];
	/** False once the last page is in. */
	readonly hasMore: boolean;
	/** What is being loaded: the first page, the next one, or everything (`G`). */
	readonly loading: 'first' | 'more' | 'all' | undefined;
	/** The failure that stopped loading; `retry()` resumes from there. */
	readonly error: unknown;
};

export const defaultPagelen = 100;

/** A branch's first page of `defaultPagelen` commits, already in when the browser starts. */
export type FirstPage = {readonly revision: string; readonly page: Page<Commit>};

export class CommitFeed {
	readonly #api: CommitsApi;
	readonly #ref: RepoRef;
	readonly #revision: string;
	readonly #pagelen: number;
	readonly #abort = new AbortController();
	readonly #listeners = new Set<() => void>();
	// Loading from the start: a browser drawn before `start()` runs says so rather than "0/0".
	#snapshot: FeedSnapshot = {entries: [], hasMore: true, loading: 'first', error: undefined};
	/** The last page received: its `next` link is where loading continues. */
	#lastPage: Page<Commit> | undefined;
	#started = false;
	#wantAll = false;

	/** `first`: the first page, already in (the warm start's), so the feed starts with it. */
	constructor(options: {
		api: CommitsApi;
		ref: RepoRef;
		revision: string;
		pagelen?: number;
		first?: Page<Commit>;
	}) {
		this.#api = options.api;
		this.#ref = options.ref;
		this.#revision = options.revision;
		this.#pagelen = options.pagelen ?? defaultPagelen;
		if (options.first !== undefined) {
			this.#started = true;
			this.#lastPage = options.first;
			this.#snapshot = {
				entries: options.first.values.map(toCommitEntry),
				hasMore: options.first.next !== undefined,
				loading: undefined,
				error: undefined,
			};
		}
	}

	get revision(): string {
		return this.#revision;
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	readonly getSnapshot = (): FeedSnapshot => this.#snapshot;

	/** Loads the first page (once). */
	start(): void {
		if (!this.#started) {
			this.#started = true;
			void this.#load();
		}
	}

	/** Loads the next page when `index` is within `margin` rows of the end of what is loaded. */
	prefetch(index: number, margin: number): void {
		if (index + margin >= this.#snapshot.entries.length && this.#idle()) {
			void this.#load();
		}
	}

	/** Keeps loading until the last page (or a failure). */
	loadAll(): void {
		this.#wantAll = true;
		if (this.#idle()) {
			void this.#load();
		} else if (this.#snapshot.loading === 'more') {
			this.#update({loading: 'all'});
		}
	}

	/** Resumes after a failure, from the page that failed. */
	retry(): void {
		if (this.#snapshot.error !== undefined && this.#snapshot.loading === undefined) {
			this.#update({error: undefined});
			void this.#load();
		}
	}

	/** Stops every request in flight; the feed is unusable afterwards. */
	close(): void {
		this.#abort.abort(new InterruptedError());
		this.#listeners.clear();
	}

	#idle(): boolean {
		const {hasMore, loading, error} = this.#snapshot;
		return hasMore && loading === undefined && error === undefined && !this.#abort.signal.aborted;
	}

	async #load(): Promise<void> {
		const signal = this.#abort.signal;
		this.#update({
			loading: this.#lastPage === undefined ? 'first' : this.#wantAll ? 'all' : 'more',
		});
		try {
			do {
				const page = await this.#fetchPage(signal);
				if (signal.aborted) {
					return;
				}

				this.#lastPage = page ?? this.#lastPage;
				const added = (page?.values ?? []).map(toCommitEntry);
				this.#update({
					entries:
						added.length === 0 ? this.#snapshot.entries : [...this.#snapshot.entries, ...added],
					hasMore: page?.next !== undefined,
					...(this.#wantAll && page?.next !== undefined ? {} : {loading: undefined}),
				});
			} while (this.#wantAll && this.#snapshot.hasMore);
		} catch (error) {
			if (!signal.aborted) {
				this.#wantAll = false;
				this.#update({loading: undefined, error});
			}
		}
	}

	#fetchPage(signal: AbortSignal): Promise<Page<Commit> | undefined> {
		return this.#lastPage === undefined
			? this.#api.listCommits(this.#ref, {revision: this.#revision, pagelen: this.#pagelen, signal})
			: this.#api.nextPage(this.#lastPage, {signal});
	}

	#update(change: Partial<FeedSnapshot>): void {
		this.#snapshot = {...this.#snapshot, ...change};
		for (const listener of this.#listeners) {
			listener();
		}
	}
}

/** The branch to show when none was asked for: the repository's main branch. */
export async function defaultBranchOf(
	api: Pick<CommitsApi, 'getRepository'>,
	ref: RepoRef,
	signal?: AbortSignal,
): Promise<string> {
	const repository = await api.getRepository(ref, signal ? {signal} : {});
	return repository.mainbranch?.name ?? 'main';
}

/** A branch or tag name pointing at a commit, marked in the list like tig does: `[main]`, `<v1.0>`. */
export type RefMark = {readonly name: string; readonly kind: 'branch' | 'tag'};

export function refsByHash(
	branches: readonly Branch[],
	tags: readonly Tag[] = [],
): ReadonlyMap<string, readonly RefMark[]> {
	const refs = new Map<string, RefMark[]>();
	const add = (ref: Branch, kind: RefMark['kind']) => {
		const hash = ref.target?.hash;
		if (hash && ref.name) {
			refs.set(hash, [...(refs.get(hash) ?? []), {name: ref.name, kind}]);
		}
	};

	for (const branch of branches) {
		add(branch, 'branch');
	}

	for (const tag of tags) {
		add(tag, 'tag');
	}

	return refs;
}

export function refMarkText(mark: RefMark): string {
	return mark.kind === 'tag' ? `<${mark.name}>` : `[${mark.name}]`;
}
