/**
 * A head start for the interactive browser: its first requests (the repository for the main
 * branch, the first page of commits, the branches) are sent while Ink and React are still
 * loading, and the browser's own identical calls pick up those answers. Any other call, and
 * any repeat (a refresh), goes to the API as usual. A first page already in when the browser
 * mounts is handed to it whole (`takeFirstPage`), so its first frame is that page.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Branch, Commit, Page, Repository} from '../../bitbucket/types.js';
import {type CommitsApi, defaultPagelen, type FirstPage} from '../../commits/feed.js';

type Early = {
	repository?: Promise<Repository>;
	firstPage?: {revision: string; page: Promise<Page<Commit>>};
	branches?: Promise<Branch[]>;
};

export type WarmStart = {
	readonly api: CommitsApi;
	/** The first page if it is in (and with it the repository answer that chose it), once. */
	takeFirstPage(): FirstPage | undefined;
	/** Calls `listener` when the first page comes in (at once if it is in already). */
	onFirstPage(listener: (first: FirstPage) => void): void;
};

export function warmStart(api: CommitsApi, ref: RepoRef, branch: string | undefined): WarmStart {
	const early: Early = {branches: quiet(api.listBranches(ref))};
	let arrived: (FirstPage & {from: Early['firstPage']}) | undefined;
	const listeners = new Set<(first: FirstPage) => void>();
	const startPage = (revision: string) => {
		const first = {
			revision,
			page: quiet(api.listCommits(ref, {revision, pagelen: defaultPagelen})),
		};
		early.firstPage = first;
		first.page.then(
			(page) => {
				arrived = {revision, page, from: first};
				for (const listener of listeners) {
					listener({revision, page});
				}
			},
			() => {},
		);
	};

	if (branch === undefined) {
		early.repository = quiet(api.getRepository(ref));
		early.repository.then(
			(repository) => startPage(repository.mainbranch?.name ?? 'main'),
			() => {},
		);
	} else {
		startPage(branch);
	}

	const same = (other: RepoRef) => other.workspace === ref.workspace && other.repo === ref.repo;
	/** The early answer, once; undefined when there is none (or it was used). */
	function take<K extends keyof Early>(
		key: K,
		matches: (value: NonNullable<Early[K]>) => boolean,
	): Early[K] {
		const value = early[key];
		if (value !== undefined && matches(value)) {
			early[key] = undefined;
			return value;
		}

		return undefined;
	}

	const client: CommitsApi = {
		get rateLimit() {
			return api.rateLimit;
		},
		get grant() {
			return api.grant;
		},
		getRepository: (other, options) =>
			(same(other) ? take('repository', () => true) : undefined) ??
			api.getRepository(other, options),
		listCommits: (other, options = {}) =>
			(same(other) && options.pagelen === defaultPagelen
				? take('firstPage', (first) => first.revision === options.revision)?.page
				: undefined) ?? api.listCommits(other, options),
		listBranches: (other, options) =>
			(same(other) ? take('branches', () => true) : undefined) ?? api.listBranches(other, options),
		nextPage<T>(page: Page<T>, options?: {signal?: AbortSignal}) {
			return api.nextPage(page, options);
		},
		listTags: (other, options) => api.listTags(other, options),
		getCommit: (other, hash, options) => api.getCommit(other, hash, options),
		getDiffstat: (other, spec, options) => api.getDiffstat(other, spec, options),
		listCommitStatuses: (other, hash, options) => api.listCommitStatuses(other, hash, options),
		listPipelines: (other, options) => api.listPipelines(other, options),
	};
	return {
		api: client,
		onFirstPage(listener) {
			if (arrived === undefined) {
				listeners.add(listener);
			} else {
				listener({revision: arrived.revision, page: arrived.page});
			}
		},
		takeFirstPage() {
			if (arrived === undefined || early.firstPage !== arrived.from) {
				return undefined;
			}

			early.firstPage = undefined;
			early.repository = undefined;
			return {revision: arrived.revision, page: arrived.page};
		},
	};
}

/** An early request nobody asks for must not end as an unhandled rejection. */
function quiet<T>(promise: Promise<T>): Promise<T> {
	promise.catch(() => {});
	return promise;
}
