/**
 * Builds response bodies in the shapes of Atlassian's OpenAPI document (repository,
 * commit, branch, tag, diffstat, error). Links point at the sandbox's two origins:
 * the API for `self`, the git origin for `html` (as api.bitbucket.org vs bitbucket.org).
 */
import {createHash} from 'node:crypto';
import type {Bot} from './auth.js';
import {accounts, findProject, findWorkspace, type RepositoryRecord} from './catalog.js';
import type {BranchData, CommitData, DiffEntry, TagData} from './repo-data.js';

export type Origins = {apiUrl: string; gitUrl: string};

type Json = Record<string, unknown>;

const link = (href: string) => ({href});

export function errorBody(message: string, detail?: Json): Json {
	return {type: 'error', error: detail === undefined ? {message} : {message, detail}};
}

/** A `{...}` uuid derived from a name, for objects the catalog does not describe (extra repositories). */
function derivedUuid(name: string): string {
	const hex = createHash('sha256').update(name).digest('hex');
	return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}}`;
}

function avatar(origins: Origins, name: string): {href: string} {
	return link(`${origins.gitUrl}/account/${encodeURIComponent(name)}/avatar/`);
}

function workspaceBody(origins: Origins, slug: string): Json {
	const workspace = findWorkspace(slug) ?? {
		slug,
		name: slug,
		uuid: derivedUuid(`workspace:${slug}`),
	};
	return {
		type: 'workspace',
		uuid: workspace.uuid,
		name: workspace.name,
		slug: workspace.slug,
		links: {
			self: link(`${origins.apiUrl}/workspaces/${slug}`),
			html: link(`${origins.gitUrl}/${slug}/`),
			avatar: avatar(origins, slug),
		},
	};
}

function ownerBody(origins: Origins, slug: string): Json {
	const workspace = findWorkspace(slug) ?? {
		slug,
		name: slug,
		uuid: derivedUuid(`workspace:${slug}`),
	};
	return {
		type: 'team',
		uuid: workspace.uuid,
		username: workspace.slug,
		display_name: workspace.name,
		links: {
			self: link(`${origins.apiUrl}/workspaces/${slug}`),
			html: link(`${origins.gitUrl}/${slug}/`),
			avatar: avatar(origins, slug),
		},
	};
}

function projectBody(origins: Origins, workspace: string, key: string): Json {
	const project = findProject(workspace, key) ?? {
		workspace,
		key,
		name: key,
		uuid: derivedUuid(`project:${workspace}/${key}`),
	};
	return {
		type: 'project',
		key: project.key,
		uuid: project.uuid,
		name: project.name,
		links: {
			html: link(`${origins.gitUrl}/${workspace}/workspace/projects/${key}`),
			avatar: avatar(origins, `${workspace}-${key}`),
		},
	};
}

function repositoryPaths(origins: Origins, repository: RepositoryRecord) {
	const fullName = `${repository.workspace}/${repository.slug}`;
	return {
		fullName,
		api: `${origins.apiUrl}/repositories/${fullName}`,
		html: `${origins.gitUrl}/${fullName}`,
	};
}

/** The short form Bitbucket embeds in commits and pipelines. */
export function repositorySummary(origins: Origins, repository: RepositoryRecord): Json {
	const paths = repositoryPaths(origins, repository);
	return {
		type: 'repository',
		full_name: paths.fullName,
		name: repository.name,
		uuid: repositoryUuid(repository),
		links: {self: link(paths.api), html: link(paths.html), avatar: avatar(origins, paths.fullName)},
	};
}

function repositoryUuid(repository: RepositoryRecord): string {
	return repository.uuid || derivedUuid(`repository:${repository.workspace}/${repository.slug}`);
}

export function repositoryBody(
	origins: Origins,
	repository: RepositoryRecord,
	state: {mainBranch: string | undefined; updatedOn: string | undefined; size?: number},
): Json {
	const paths = repositoryPaths(origins, repository);
	return {
		type: 'repository',
		full_name: paths.fullName,
		name: repository.name,
		slug: repository.slug,
		uuid: repositoryUuid(repository),
		description: repository.description,
		scm: 'git',
		is_private: repository.isPrivate,
		fork_policy: repository.isPrivate ? 'no_public_forks' : 'allow_forks',
		language: repository.language,
		has_issues: false,
		has_wiki: false,
		created_on: repository.createdOn,
		updated_on: state.updatedOn ?? repository.createdOn,
		...(state.size === undefined ? {} : {size: state.size}),
		...(state.mainBranch === undefined
			? {}
			: {mainbranch: {type: 'branch', name: state.mainBranch}}),
		owner: ownerBody(origins, repository.workspace),
		workspace: workspaceBody(origins, repository.workspace),
		...(repository.project === undefined
			? {}
			: {project: projectBody(origins, repository.workspace, repository.project)}),
		links: {
			self: link(paths.api),
			html: link(paths.html),
			avatar: avatar(origins, paths.fullName),
			pullrequests: link(`${paths.api}/pullrequests`),
			commits: link(`${paths.api}/commits`),
			forks: link(`${paths.api}/forks`),
			watchers: link(`${paths.api}/watchers`),
			downloads: link(`${paths.api}/downloads`),
			hooks: link(`${paths.api}/hooks`),
			clone: [{name: 'https', href: `${paths.html}.git`}],
		},
	};
}

function commitLinks(origins: Origins, repository: RepositoryRecord, hash: string): Json {
	const paths = repositoryPaths(origins, repository);
	return {
		self: link(`${paths.api}/commit/${hash}`),
		html: link(`${paths.html}/commits/${hash}`),
	};
}

function userBody(
	origins: Origins,
	account: {displayName: string; uuid: string; nickname: string; accountId?: string},
): Json {
	return {
		type: 'user',
		display_name: account.displayName,
		uuid: account.uuid,
		nickname: account.nickname,
		...(account.accountId === undefined ? {} : {account_id: account.accountId}),
		links: {
			self: link(`${origins.apiUrl}/users/${encodeURIComponent(account.uuid)}`),
			html: link(`${origins.gitUrl}/${encodeURIComponent(account.uuid)}/`),
			avatar: avatar(origins, account.nickname),
		},
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

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
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
