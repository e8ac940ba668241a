/**
 * Build statuses as React state: one StatusBook per (repository, branch, refresh), told
 * which commits are on screen (and a few ahead) after every render that changes them. The
 * first page is drawn before any status is asked for: statuses never delay it.
 */
import {useEffect, useMemo, useRef, useSyncExternalStore} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitEntry} from '../../commits/commit-entry.js';
import {
	StatusBook,
	type StatusesApi,
	type StatusSnapshot,
} from '../../use-cases/commits/status-book.js';

const idle: StatusSnapshot = {known: new Map(), failed: new Set(), paused: undefined, requests: 0};
const noSubscription = () => () => {};
/** Rows below the screen whose statuses are asked for too, so a page down shows marks at once. */
export const statusLookahead = 10;

export function useBuildStatuses(options: {
	api: StatusesApi;
	ref: RepoRef;
	revision: string | undefined;
	generation: number;
	/** The commits in view, top to bottom, and the cursor's row among them. */
	inView: readonly (CommitEntry | undefined)[];
	ahead: readonly (CommitEntry | undefined)[];
	/** Every status of the commits in view, not only their pipelines' (the details). */
	full: boolean;
	enabled: boolean;
}): {book: StatusBook | undefined; snapshot: StatusSnapshot} {
	const {api, ref, revision, generation} = options;
	// One budget for the browser's lifetime: a refresh or another branch does not reset it.
	const ledger = useRef({requests: 0}).current;
	// biome-ignore lint/correctness/useExhaustiveDependencies: generation is the refresh trigger
	const book = useMemo(
		() => (revision === undefined ? undefined : new StatusBook({api, ref, ledger})),
		[api, ref, revision, generation, ledger],
	);
	useEffect(() => () => book?.close(), [book]);
	const wanted = [...options.inView, ...options.ahead].flatMap((entry) => (entry ? [entry] : []));
	const key = options.enabled
		? wanted.map((entry) => `${entry.hash} ${entry.isoDate ?? ''}`).join(',')
		: '';
	const {full} = options;
	useEffect(() => {
		if (key !== '') {
			const commits = key.split(',').map((item) => item.split(' '));
			const dates = new Map(commits.map(([hash, date]) => [hash ?? '', date || undefined]));
			book?.want([...dates.keys()], {dates, full});
		}
	}, [book, key, full]);
	const snapshot = useSyncExternalStore(
		book?.subscribe ?? noSubscription,
		book?.getSnapshot ?? (() => idle),
	);
	return {book, snapshot};
}
