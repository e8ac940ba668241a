/**
 * Response bodies for what the sandbox reads from git: commits, branches, tags and
 * diffstat records, in the shapes of Atlassian's OpenAPI document.
 */
import type {Bot} from './auth.js';
import {accounts, type RepositoryRecord} from './catalog.js';
import type {CommitData, DiffEntry} from './git-output.js';
import type {BranchData, TagData} from './repo-data.js';
import {
	escapeHtml,
	type Json,
	link,
	type Origins,
	repositoryPaths,
	repositorySummary,
	userBody,
} from './responses.js';

function commitLinks(origins: Origins, repository: RepositoryRecord, hash: string): Json {
	const paths = repositoryPaths(origins, repository);
	return {
		self: link(`${paths.api}/commit/${hash}`),
		html: link(`${paths.html}/commits/${hash}`),
	};
}

/** Author with `user` when the email belongs to a Bitbucket account (people, or a token's bot). */
function authorBody(
	origins: Origins,
	name: string,
	email: string,
	bots: ReadonlyMap<string, Bot>,
): Json {
	const raw = `${name} <${email}>`;
	const account = accounts.get(email);
	if (account !== undefined) {
		return {type: 'author', raw, user: userBody(origins, account)};
	}

	const bot = bots.get(email);
	if (bot !== undefined) {
		return {
			type: 'author',
			raw,
			user: userBody(origins, {displayName: bot.name, uuid: bot.uuid, nickname: bot.name}),
		};
	}

	return {type: 'author', raw};
}

/** Bitbucket renders the message as Markdown; paragraphs are close enough here. */
function renderMessage(message: string): string {
	return message
		.trim()
		.split(/\n{2,}/)
		.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>\n')}</p>`)
		.join('\n');
}

export function commitBody(
	origins: Origins,
	repository: RepositoryRecord,
	commit: CommitData,
	bots: ReadonlyMap<string, Bot>,
): Json {
	const paths = repositoryPaths(origins, repository);
	return {
		type: 'commit',
		hash: commit.hash,
		date: commit.date,
		author: authorBody(origins, commit.authorName, commit.authorEmail, bots),
		message: commit.message,
		summary: {raw: commit.message, markup: 'markdown', html: renderMessage(commit.message)},
		links: {
			...commitLinks(origins, repository, commit.hash),
			diff: link(`${paths.api}/diff/${commit.hash}`),
			patch: link(`${paths.api}/patch/${commit.hash}`),
			comments: link(`${paths.api}/commit/${commit.hash}/comments`),
			statuses: link(`${paths.api}/commit/${commit.hash}/statuses`),
		},
		parents: commit.parents.map((hash) => ({
			type: 'commit',
			hash,
			links: commitLinks(origins, repository, hash),
		})),
		repository: repositorySummary(origins, repository),
	};
}

function refLinks(
	origins: Origins,
	repository: RepositoryRecord,
	kind: 'branches' | 'tags',
	name: string,
): Json {
	const paths = repositoryPaths(origins, repository);
	const encoded = encodeURIComponent(name);
	return {
		self: link(`${paths.api}/refs/${kind}/${encoded}`),
		commits: link(`${paths.api}/commits/${encoded}`),
		html: link(`${paths.html}/${kind === 'branches' ? 'branch' : 'src'}/${encoded}`),
	};
}

export function branchBody(
	origins: Origins,
	repository: RepositoryRecord,
	branch: BranchData,
	target: Json,
): Json {
	return {
		type: 'branch',
		name: branch.name,
		target,
		links: refLinks(origins, repository, 'branches', branch.name),
		merge_strategies: ['merge_commit', 'squash', 'fast_forward'],
		default_merge_strategy: 'merge_commit',
	};
}

export function tagBody(
	origins: Origins,
	repository: RepositoryRecord,
	tag: TagData,
	target: Json,
	bots: ReadonlyMap<string, Bot>,
): Json {
	const {annotation} = tag;
	return {
		type: 'tag',
		name: tag.name,
		target,
		links: refLinks(origins, repository, 'tags', tag.name),
		...(annotation === undefined
			? {}
			: {
					message: annotation.message,
					date: annotation.date,
					tagger: authorBody(origins, annotation.taggerName, annotation.taggerEmail, bots),
				}),
	};
}

/** A diffstat record; the side that does not exist (added/removed) is left out, not null, per the schema. */
export function diffstatBody(
	origins: Origins,
	repository: RepositoryRecord,
	entry: DiffEntry,
	commits: {old?: string; new: string},
): Json {
	const paths = repositoryPaths(origins, repository);
	const file = (filePath: string, hash: string): Json => ({
		type: 'commit_file',
		path: filePath,
		escaped_path: filePath,
		...(entry.binary ? {attributes: 'binary'} : {}),
		links: {self: link(`${paths.api}/src/${hash}/${filePath}`)},
	});
	return {
		type: 'diffstat',
		status: entry.status,
		lines_added: entry.linesAdded,
		lines_removed: entry.linesRemoved,
		...(entry.oldPath === undefined || commits.old === undefined
			? {}
			: {old: file(entry.oldPath, commits.old)}),
		...(entry.newPath === undefined ? {} : {new: file(entry.newPath, commits.new)}),
	};
}
