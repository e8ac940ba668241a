/**
 * What a token may do with a repository over git, found out without changing anything:
 * the upload-pack advertisement proves it can clone (its failures are the answer, typed),
 * and the receive-pack advertisement tells whether it can push (403 means read only).
 */
import git from 'isomorphic-git';
import type {Dispatcher} from 'undici';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {AuthError} from '../core/errors.js';
import {createGitHttp} from './http-transport.js';
import {cloneUrl} from './remote-url.js';

export async function probeAccess(options: {
	gitUrl: string;
	ref: RepoRef;
	token: string;
	dispatcher: Dispatcher;
	signal?: AbortSignal;
}): Promise<{canPush: boolean}> {
	const http = createGitHttp({
		token: options.token,
		dispatcher: options.dispatcher,
		signal: options.signal,
	});
	const url = cloneUrl(options.gitUrl, options.ref);
	await git.getRemoteInfo({http, url});
	try {
		await git.getRemoteInfo({http, url, forPush: true});
		return {canPush: true};
	} catch (error) {
		if (error instanceof AuthError && error.reason === 'scope') {
			return {canPush: false};
		}

		throw error;
	}
}
