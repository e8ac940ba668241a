/**
 * The loaded commits of one branch, as React state: a CommitFeed per (repository, branch,
 * refresh), started on mount and aborted when replaced or unmounted. The first feed of the
 * session starts with `first` when that is its branch's page.
 */
import {useEffect, useMemo, useSyncExternalStore} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {
	CommitFeed,
	type CommitsApi,
	type FeedSnapshot,
	type FirstPage,
} from '../../commits/feed.js';

const idle: FeedSnapshot = {entries: [], hasMore: true, loading: 'first', error: undefined};
const noSubscription = () => () => {};

export function useCommitFeed(
	api: CommitsApi,
	ref: RepoRef,
	revision: string | undefined,
	generation: number,
	first?: FirstPage,
): {feed: CommitFeed | undefined; snapshot: FeedSnapshot} {
	// biome-ignore lint/correctness/useExhaustiveDependencies: generation is the refresh trigger
	const feed = useMemo(() => {
		if (revision === undefined) {
			return undefined;
		}

		const given = generation === 0 && first?.revision === revision ? first.page : undefined;
		return new CommitFeed({api, ref, revision, ...(given === undefined ? {} : {first: given})});
	}, [api, ref, revision, generation]);
	useEffect(() => {
		feed?.start();
		return () => feed?.close();
	}, [feed]);
	const snapshot = useSyncExternalStore(
		feed?.subscribe ?? noSubscription,
		feed?.getSnapshot ?? (() => idle),
	);
	return {feed, snapshot};
}
