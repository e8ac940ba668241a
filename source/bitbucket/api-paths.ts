/** Paths and query strings of the REST endpoints the client calls. */
import type {RepoRef} from './repo-ref.js';

export function repositoryPath(ref: RepoRef): string {
	return `/repositories/${encodeURIComponent(ref.workspace)}/${encodeURIComponent(ref.repo)}`;
}

export function query(parameters: Record<string, number | undefined>): string {
	const search = new URLSearchParams();
	for (const [name, value] of Object.entries(parameters)) {
		if (value !== undefined) {
			search.set(name, String(value));
		}
	}

	return search.size === 0 ? '' : `?${search}`;
}
