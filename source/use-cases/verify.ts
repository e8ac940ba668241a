/**
 * Checks, before anything is written to disk, that a token reaches a repository and what it may
 * do there: the REST API must show the repository (401/403/404 become typed errors with the next
 * step), the git server must advertise it for cloning, and the receive-pack advertisement tells
 * whether pushing will work. The branches come along for the clone options. The API (the
 * repository and its branches) and git are asked at once; the API's answer for the repository,
 * when it is a refusal, is the one reported.
 */
import type {Dispatcher} from 'undici';
import {BitbucketClient} from '../bitbucket/client.js';
import type {Endpoints} from '../bitbucket/endpoints.js';
import type {Grant} from '../bitbucket/grant.js';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {Branch, Repository} from '../bitbucket/types.js';
import type {Advertisement} from '../git/advertisement.js';
import {probeAccess} from '../git/probe.js';

export type VerifyOptions = {
	endpoints: Endpoints;
	ref: RepoRef;
	token: string;
	dispatcher: Dispatcher;
	/** Reused for the API calls (and its rate-limit state) when given; else one is made. */
	client?: BitbucketClient;
	signal?: AbortSignal;
};

export type Verified = {
	repository: Repository;
	/** The token has `repository:write` on this repository (the receive-pack advertisement answered). */
	canPush: boolean;
	branches: Branch[];
	/** Scopes and credential type, as the API's answers stated them (absent if they did not). */
	grant?: Grant | undefined;
	/** The upload-pack advertisement as just fetched, for the clone to reuse (advertisement.ts). */
	advertisement?: Advertisement | undefined;
};

export async function verifyAccess(options: VerifyOptions): Promise<Verified> {
	const {endpoints, ref, token, dispatcher, signal} = options;
	const client =
		options.client ??
		new BitbucketClient({
			apiUrl: endpoints.apiUrl,
			webUrl: endpoints.gitUrl,
			token,
			dispatcher,
		});
	// All asked at once, one round trip (the branches once waited for the repository, a second one
	// in a row); the repository's errors name the token problem most precisely (401, 403 scopes,
	// 404), so they win over git's and the branches'.
	const asked = client.getRepository(ref, {signal});
	const probe = probeAccess({gitUrl: endpoints.gitUrl, ref, token, dispatcher, signal});
	const listed = client.listBranches(ref, {signal});
	// Awaited below, unless the API refuses the repository first.
	probe.catch(() => {});
	listed.catch(() => {});
	const repository = await asked;
	const [{canPush, advertisement}, branches] = await Promise.all([probe, listed]);
	return {repository, canPush, branches, grant: client.grant, advertisement};
}
