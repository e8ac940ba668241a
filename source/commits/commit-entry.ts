/**
 * One commit as the browser and the headless printer use it: the API's sparse `Commit`
 * flattened once (author split out of `raw`, first line, short hash, parsed date, a
 * lower-cased search text), so that drawing and filtering never re-parse per frame.
 */

import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {Commit} from '../bitbucket/types.js';
import {printable} from '../core/terminal-text.js';

export type CommitAuthor = {
	/** `Name <email>` as recorded in git. */
	raw: string;
	name: string;
	email: string;
};

export type CommitEntry = {
	hash: string;
	shortHash: string;
	/** The author date as the API sent it (ISO 8601). */
	isoDate: string | undefined;
	date: Date | undefined;
	author: CommitAuthor;
	message: string;
	/** First line of the message. */
	subject: string;
	parents: string[];
	/** Hash, author and message, lower-cased: what the filter searches. */
	searchText: string;
};

export const shortHashLength = 7;

export function toCommitEntry(commit: Commit): CommitEntry {
	const hash = commit.hash ?? '';
	const message = (commit.message ?? '').replace(/\r\n/g, '\n').replace(/\n+$/, '');
	const author = authorOf(commit);
	return {
		hash,
		shortHash: hash.slice(0, shortHashLength),
		isoDate: commit.date,
		date: commit.date === undefined ? undefined : new Date(commit.date),
		author,
		message,
		subject: firstLine(message),
		parents: (commit.parents ?? []).flatMap((parent) => (parent.hash ? [parent.hash] : [])),
		searchText: `${hash}\n${author.raw}\n${message}`.toLowerCase(),
	};
}

/**
 * Splits git's `Name <email>`. Bitbucket links some authors to an account: its display name
 * stands in when `raw` has no name part.
 */
export function authorOf(commit: Commit): CommitAuthor {
	const raw = (commit.author?.raw ?? '').trim();
	const match = /^(.*?)\s*<([^<>]*)>\s*$/.exec(raw);
	const accountName = commit.author?.user?.display_name ?? '';
	if (!match) {
		return {raw, name: raw || accountName, email: ''};
	}

	const [, name = '', email = ''] = match;
	return {raw, name: name || accountName || email, email};
}

/** The commit's page on the Bitbucket website, under the git host's base URL. */
export function commitWebUrl(gitUrl: string, ref: RepoRef, hash: string): string {
	return `${gitUrl.replace(/\/+$/, '')}/${ref.workspace}/${ref.repo}/commits/${hash}`;
}

function firstLine(message: string): string {
	const end = message.indexOf('\n');
	return printable(end === -1 ? message : message.slice(0, end)).trim();
}
