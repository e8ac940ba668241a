/**
 * The client an interactive browser runs on: the run's REST client (whose dispatcher the
 * command wrapped with `watch`, for the 429 countdown) with a warm
 * start on top (the first requests leave before the UI has loaded).
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitsApi, FirstPage} from '../../commits/feed.js';
import type {RequestWatch} from '../../commits/request-watch.js';
import type {Services} from '../../services/services.js';
import {warmStart} from './warm-start.js';

export type BrowserSession = {
	readonly api: CommitsApi;
	readonly watch: RequestWatch;
	/** The warm start's first page if it is in, once (see warmStart). */
	readonly takeFirstPage: () => FirstPage | undefined;
	/** Calls `listener` when the warm start's first page comes in (see warmStart). */
	readonly onFirstPage: (listener: (first: FirstPage) => void) => void;
};

export async function openSession(
	services: Pick<Services, 'api'>,
	watch: RequestWatch,
	options: {token: string; ref: RepoRef; branch?: string},
): Promise<BrowserSession> {
	const client = await services.api(options.token);
	const {api, takeFirstPage, onFirstPage} = warmStart(client, options.ref, options.branch);
	return {api, watch, takeFirstPage, onFirstPage};
}
