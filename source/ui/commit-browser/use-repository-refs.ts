/**
 * What the browser needs besides commits: the branch to show when none was given (the
 * repository's main branch) and every branch with its tip, for the picker and for marking
 * refs in the list. A failure to list branches only costs the marks; a failure to find the
 * main branch is the browser's error (it usually means the token cannot see the repository).
 */
import {useEffect, useState} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Branch} from '../../bitbucket/types.js';
import {type CommitsApi, defaultBranchOf, refsByHash} from '../../commits/feed.js';

export type BranchesState = {
	branches: readonly Branch[] | undefined;
	refs: ReadonlyMap<string, readonly string[]>;
	error: unknown;
};

const noRefs: ReadonlyMap<string, readonly string[]> = new Map();

export function useDefaultBranch(
	api: CommitsApi,
	ref: RepoRef,
	given: string | undefined,
	generation: number,
): {branch: string | undefined; error: unknown} {
	const [state, setState] = useState<{branch: string | undefined; error: unknown}>({
		branch: given,
		error: undefined,
	});
	// biome-ignore lint/correctness/useExhaustiveDependencies: generation is the retry trigger
	useEffect(() => {
		if (given !== undefined) {
			setState({branch: given, error: undefined});
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
		api.listBranches(ref, {signal: abort.signal}).then(
			(branches) =>
				!abort.signal.aborted && setState({branches, refs: refsByHash(branches), error: undefined}),
			(error: unknown) => !abort.signal.aborted && setState((previous) => ({...previous, error})),
		);
		return () => abort.abort();
	}, [api, ref, generation]);
	return state;
}
