/**
 * Proof that a token works before the config is touched: the REST API must show the
 * repository (401/403/404 become typed errors), then git's upload-pack advertisement must
 * answer; the receive-pack advertisement tells whether pushes will be accepted.
 */
import type {Dispatcher} from 'undici';
import {BitbucketClient} from '../bitbucket/client.js';
import type {Endpoints} from '../bitbucket/endpoints.js';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {probeAccess} from '../git/probe.js';

export async function verifyToken(options: {
	endpoints: Endpoints;
	ref: RepoRef;
	token: string;
	dispatcher: Dispatcher;
	signal?: AbortSignal;
}): Promise<{canPush: boolean}> {
	const {endpoints, ref, token, dispatcher, signal} = options;
	const client = new BitbucketClient({apiUrl: endpoints.apiUrl, token, dispatcher});
	await client.getRepository(ref, {signal});
	return probeAccess({gitUrl: endpoints.gitUrl, ref, token, dispatcher, signal});
}
