/** Where Bitbucket shows a repository's access tokens, their scopes and their bot emails. */
import type {RepoRef} from '../../bitbucket/repo-ref.js';

export function accessTokensPage(ref: RepoRef): string {
	return `https://bitbucket.org/${ref.workspace}/${ref.repo}/admin/access-tokens`;
}
