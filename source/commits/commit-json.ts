/**
 * The one JSON shape of a commit, in every `--json` output (`commits --json` lines and
 * onboarding's `commits` field): the author as an object, the whole message, the parents
 * and the web page; with `--statuses`, the build statuses as Bitbucket gives them.
 */
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {CommitStatus} from '../bitbucket/types.js';
import {type CommitEntry, commitWebUrl} from './commit-entry.js';

export type CommitJson = {
	hash: string;
	/** Author date, ISO 8601 as the API sent it. */
	date: string | null;
	author: {raw: string; name: string; email: string};
	message: string;
	parents: string[];
	url: string;
	statuses?: StatusJson[];
};

export type StatusJson = {
	key: string;
	state: CommitStatus['state'];
	name: string | null;
	description: string | null;
	url: string | null;
	updated: string | null;
};

export function commitJson(
	entry: CommitEntry,
	where: {gitUrl: string; ref: RepoRef},
	statuses?: readonly CommitStatus[],
): CommitJson {
	return {
		hash: entry.hash,
		date: entry.isoDate ?? null,
		author: {raw: entry.author.raw, name: entry.author.name, email: entry.author.email},
		message: entry.message,
		parents: entry.parents,
		url: commitWebUrl(where.gitUrl, where.ref, entry.hash),
		...(statuses === undefined ? {} : {statuses: statuses.map(statusJson)}),
	};
}

export function statusJson(status: CommitStatus): StatusJson {
	return {
		key: status.key,
		state: status.state,
		name: status.name ?? null,
		description: status.description ?? null,
		url: status.url ?? null,
		updated: status.updated_on ?? null,
	};
}
