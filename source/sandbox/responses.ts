/**
 * Builds response bodies in the shapes of Atlassian's OpenAPI document: repositories and
 * the accounts they belong to, errors (commits and refs: commit-responses.ts). Links point at the sandbox's two origins:
 * the API for `self`, the git origin for `html` (as api.bitbucket.org vs bitbucket.org).
 */
import {createHash} from 'node:crypto';
import {findProject, findWorkspace, type RepositoryRecord} from './catalog.js';

export type Origins = {apiUrl: string; gitUrl: string};

export type Json = Record<string, unknown>;

export const link = (href: string) => ({href});

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

export function repositoryPaths(origins: Origins, repository: RepositoryRecord) {
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

export function userBody(
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

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
