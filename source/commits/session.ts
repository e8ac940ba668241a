/**
 * The client an interactive browser runs on: BitbucketClient on the shared dispatcher, with
 * a RequestWatch underneath (for the 429 countdown) and a warm start on top (the first
 * requests leave before the UI has loaded).
 */
import {BitbucketClient} from '../bitbucket/client.js';
import type {Endpoints} from '../bitbucket/endpoints.js';
import {createDispatcher} from '../bitbucket/http.js';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {CommitsApi} from './feed.js';
import {RequestWatch} from './request-watch.js';
import {warmStart} from './warm-start.js';

export type BrowserSession = {readonly api: CommitsApi; readonly watch: RequestWatch};

export function openSession(options: {
	endpoints: Endpoints;
	env: NodeJS.ProcessEnv;
	token: string;
	ref: RepoRef;
	branch?: string;
}): BrowserSession {
	const watch = new RequestWatch();
	const client = new BitbucketClient({
		apiUrl: options.endpoints.apiUrl,
		webUrl: options.endpoints.gitUrl,
		token: options.token,
		dispatcher: watch.wrap(createDispatcher({env: options.env})),
	});
	return {api: warmStart(client, options.ref, options.branch), watch};
}
