/**
 * The latest commits of the branch being cloned, fetched while the clone runs: their bot
 * authors become suggestions on the bot email step. A failure only means no suggestions.
 */
import {useEffect, useState} from 'react';
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Commit} from '../../bitbucket/types.js';

/** Enough history to find the bots that pushed recently, in one request. */
const commitCount = 50;

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
		client
			.listCommits(ref, {revision: branch, pagelen: commitCount, signal: controller.signal})
			.then(
				(page) => {
					if (!controller.signal.aborted) {
						setCommits(page.values);
					}
				},
				() => undefined,
			);
		return () => controller.abort();
	}, [client, ref, branch]);
	return commits;
}
