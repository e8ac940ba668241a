/**
 * What a token may do with a repository over git, found out without changing anything:
 * the upload-pack advertisement proves it can clone (its failures are the answer, typed),
 * and the receive-pack advertisement tells whether it can push (403 means read only). The
 * upload-pack advertisement comes back for the clone that may follow (advertisement.ts).
 */
import git from 'isomorphic-git';
import type {Dispatcher} from 'undici';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {AuthError} from '../core/errors.js';
import {type Advertisement, recordingAdvertisement} from './advertisement.js';
import {createGitHttp} from './http-transport.js';
import {cloneUrl} from './remote-url.js';

export async function probeAccess(options: {
	gitUrl: string;
	ref: RepoRef;
	token: string;
	dispatcher: Dispatcher;
	signal?: AbortSignal;
}): Promise<{canPush: boolean; advertisement?: Advertisement}> {
	let advertisement: Advertisement | undefined;
	const http = recordingAdvertisement(
		createGitHttp({token: options.token, dispatcher: options.dispatcher, signal: options.signal}),
		(kept) => {
			advertisement = kept;
		},
	);
	const url = cloneUrl(options.gitUrl, options.ref);
	// Both at once (a round trip less); the clone advertisement's failure is the answer first.
	const push = git.getRemoteInfo({http, url, forPush: true}).then(
		() => true,
		(error: unknown) => {
			if (error instanceof AuthError && error.reason === 'scope') return false;
			throw error;
		},
	);
	push.catch(() => {}); // Awaited below, unless the clone's advertisement fails first.
	await git.getRemoteInfo({http, url});
	const canPush = await push;
	return advertisement ? {canPush, advertisement} : {canPush};
}
