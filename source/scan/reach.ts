/**
 * Which repositories one token reaches: one `GET /repositories/{ws}/{repo}` per distinct
 * repository (twenty clones of one repository cost one request), the first alone and then a
 * few at a time, stopping before the next request once Bitbucket says the hourly limit is
 * near, so a big tree never spends the token's budget blindly. A 404 is a verdict on that repository; a rejected token
 * or a missing scope is one on the token, and ends the check.
 */
import type {BitbucketClient} from '../bitbucket/client.js';
import {formatRepoRef, type RepoRef} from '../bitbucket/repo-ref.js';
import {InterruptedError, NotFoundError} from '../core/errors.js';

export type Reach =
	| {readonly kind: 'reached'}
	| {readonly kind: 'unreachable'; readonly reason: string}
	| {readonly kind: 'unchecked'; readonly reason: string};

export type ReachCheck = {
	/** By `workspace/repo`. */
	readonly reach: ReadonlyMap<string, Reach>;
	readonly requests: number;
	/** True when the check stopped early because the rate limit was near. */
	readonly stoppedNearLimit: boolean;
};

const parallel = 4;

export async function checkReach(
	refs: readonly RepoRef[],
	client: Pick<BitbucketClient, 'getRepository' | 'rateLimit'>,
	options: {
		signal?: AbortSignal | undefined;
		onChecked?: (done: number, total: number) => void;
	} = {},
): Promise<ReachCheck> {
	const distinct = [...new Map(refs.map((ref) => [formatRepoRef(ref), ref])).values()];
	const reach = new Map<string, Reach>();
	let next = 0;
	let requests = 0;
	let stoppedNearLimit = false;
	const worker = async (limit = Number.POSITIVE_INFINITY) => {
		for (let made = 0; next < distinct.length && made < limit; made++) {
			if (options.signal?.aborted) {
				throw new InterruptedError('Interrupted while checking repositories; nothing was changed.');
			}

			if (client.rateLimit?.nearLimit) {
				stoppedNearLimit = true;
				return;
			}

			const ref = distinct[next++]!;
			requests++;
			try {
				await client.getRepository(ref, {signal: options.signal});
				reach.set(formatRepoRef(ref), {kind: 'reached'});
			} catch (error) {
				if (!(error instanceof NotFoundError)) {
					throw error;
				}

				reach.set(formatRepoRef(ref), {
					kind: 'unreachable',
					reason: 'not found, or not reachable with this token (404)',
				});
			}

			options.onChecked?.(reach.size, distinct.length);
		}
	};

	// The first answer alone tells where the budget stands before several requests are in flight.
	if (distinct.length > 0) {
		await worker(1);
	}

	await Promise.all(Array.from({length: Math.min(parallel, distinct.length)}, () => worker()));
	for (const ref of distinct) {
		const name = formatRepoRef(ref);
		if (!reach.has(name)) {
			reach.set(name, {
				kind: 'unchecked',
				reason: 'not checked: Bitbucket said the rate limit is near (X-RateLimit-NearLimit)',
			});
		}
	}

	return {reach, requests, stoppedNearLimit};
}
