/**
 * The detail view's data for one commit: the commit itself (already loaded in the list, or
 * fetched when it is a parent beyond what is loaded) and its diffstat. Answers are kept per
 * hash for the browser's lifetime, so going back and forth between a commit and its
 * parents costs no request.
 */
import {useEffect, useMemo, useState} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Diffstat} from '../../bitbucket/types.js';
import {type CommitEntry, toCommitEntry} from '../../commits/commit-entry.js';
import type {CommitsApi} from '../../commits/feed.js';

export type CommitDetail = {
	entry: CommitEntry | undefined;
	diffstat: readonly Diffstat[] | undefined;
	/** Why the commit or its diffstat could not be loaded. */
	error: unknown;
};

type Cached = {entry?: Promise<CommitEntry>; diffstat?: Promise<Diffstat[]>};

export function useCommitDetail(
	api: CommitsApi,
	ref: RepoRef,
	hash: string | undefined,
	known: CommitEntry | undefined,
	generation: number,
): CommitDetail {
	// biome-ignore lint/correctness/useExhaustiveDependencies: a refresh (generation) forgets what was cached
	const cache = useMemo(() => new Map<string, Cached>(), [api, ref, generation]);
	// Answers are tagged with their hash: a late answer for a commit left behind is ignored.
	const [loaded, setLoaded] = useState<{hash?: string} & Partial<CommitDetail>>({});
	useEffect(() => {
		if (hash === undefined) {
			return;
		}

		let current = true;
		const update = (change: Partial<CommitDetail>) =>
			current &&
			setLoaded((previous) => ({...(previous.hash === hash ? previous : {hash}), ...change}));
		const cached = cache.get(hash) ?? {};
		cache.set(hash, cached);
		cached.entry ??= known ? Promise.resolve(known) : api.getCommit(ref, hash).then(toCommitEntry);
		cached.diffstat ??= api.getDiffstat(ref, hash);
		// A failed request is not cached: the next visit asks again.
		cached.entry.catch(() => delete cached.entry);
		cached.diffstat.catch(() => delete cached.diffstat);
		cached.entry.then(
			(entry) => update({entry}),
			(error: unknown) => update({error}),
		);
		cached.diffstat.then(
			(diffstat) => update({diffstat}),
			(error: unknown) => update({error}),
		);
		return () => {
			current = false;
		};
	}, [api, ref, hash, known, cache]);
	const mine = loaded.hash === hash ? loaded : {};
	return {entry: mine.entry ?? known, diffstat: mine.diffstat, error: mine.error};
}
