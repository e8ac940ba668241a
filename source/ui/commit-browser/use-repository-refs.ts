/**
 * What the browser needs besides commits: the branch to show when none was given (the
 * repository's main branch), every branch with its tip for the picker, and branches and tags
 * for marking refs in the list. A failure to list them only costs the marks; a failure to find the
 * main branch is the browser's error (it usually means the token cannot see the repository).
 */
import {useEffect, useState} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Branch} from '../../bitbucket/types.js';
import {type CommitsApi, defaultBranchOf, type RefMark, refsByHash} from '../../commits/feed.js';

export type BranchesState = {
	branches: readonly Branch[] | undefined;
	refs: ReadonlyMap<string, readonly RefMark[]>;
	error: unknown;
};

const noRefs: ReadonlyMap<string, readonly RefMark[]> = new Map();

/** `known`: the main branch as the session already found it (the warm start's first page). */
export function useDefaultBranch(
	api: CommitsApi,
	ref: RepoRef,
	given: string | undefined,
	generation: number,
	known?: string,
): {branch: string | undefined; error: unknown} {
	const [state, setState] = useState<{branch: string | undefined; error: unknown}>({
		branch: given ?? known,
		error: undefined,
	});
	// biome-ignore lint/correctness/useExhaustiveDependencies: generation is the retry trigger
	useEffect(() => {
		if (given !== undefined || (generation === 0 && known !== undefined)) {
			setState({branch: given ?? known, error: undefined});
			return;
		}

		const abort = new AbortController();
		setState({branch: undefined, error: undefined});
		defaultBranchOf(api, ref, abort.signal).then(
			(branch) => !abort.signal.aborted && setState({branch, error: undefined}),
			(error: unknown) => !abort.signal.aborted && setState({branch: undefined, error}),
		);
		return () => abort.abort();
	}, [api, ref, given, generation]);
	return state;
}

export function useBranches(api: CommitsApi, ref: RepoRef, generation: number): BranchesState {
	const [state, setState] = useState<BranchesState>({
		branches: undefined,
		refs: noRefs,
		error: undefined,
	});
	// biome-ignore lint/correctness/useExhaustiveDependencies: generation is the refresh trigger
	useEffect(() => {
		const abort = new AbortController();
		const {signal} = abort;
		// Tags only add marks: without them (an error, a slow answer) the list still works.
		const tags = api.listTags(ref, {signal}).catch(() => []);
		Promise.all([api.listBranches(ref, {signal}), tags]).then(
			([branches, tags]) =>
				!signal.aborted && setState({branches, refs: refsByHash(branches, tags), error: undefined}),
			(error: unknown) => !signal.aborted && setState((previous) => ({...previous, error})),
		);
		return () => abort.abort();
	}, [api, ref, generation]);
	return state;
}
