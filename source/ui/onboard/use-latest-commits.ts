/**
 * The latest commits of the branch being cloned, read while the clone runs (as many as the
 * headless run reads for the same purpose): their bot authors become suggestions on the bot
 * email step. A failure only means no suggestions.
 */
import {useEffect, useState} from 'react';
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Commit} from '../../bitbucket/types.js';
import {botSearchDepth} from '../../use-cases/onboard/rules.js';
import {latestCommitsStep} from '../../use-cases/onboard/steps.js';

export function useLatestCommits(
	client: BitbucketClient | undefined,
	ref: RepoRef | undefined,
	branch: string | undefined,
): readonly Commit[] {
	const [commits, setCommits] = useState<readonly Commit[]>([]);
	useEffect(() => {
		setCommits([]);
		if (!client || !ref || branch === undefined) {
			return;
		}

		const controller = new AbortController();
		const {signal} = controller;
		latestCommitsStep(client, {ref, branch, count: botSearchDepth, signal}).then(
			(found) => !signal.aborted && setCommits(found),
			() => undefined,
		);
		return () => controller.abort();
	}, [client, ref, branch]);
	return commits;
}
