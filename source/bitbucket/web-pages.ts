/**
 * Bitbucket web pages bbtok-tui points people to. They live on the git base's origin
 * (bitbucket.org, or the sandbox in `demo`), so a hint never sends someone to the real site
 * while they are working against another server.
 */
import {defaultEndpoints} from './endpoints.js';
import {formatRepoRef, type RepoRef} from './repo-ref.js';

/** Where a repository's access tokens are created, with their scopes and bot emails. */
export function accessTokensPage(ref: RepoRef, webUrl: string = defaultEndpoints.gitUrl): string {
	return `${webUrl}/${formatRepoRef(ref)}/admin/access-tokens`;
}

/** Where a workspace's access tokens are created. */
export function workspaceAccessTokensPage(
	workspace: string,
	webUrl: string = defaultEndpoints.gitUrl,
): string {
	return `${webUrl}/${workspace}/workspace/settings/access-tokens`;
}
