/**
 * The REST subset under /2.0/repositories: repository, workspace listing, commits, commit
 * and diffstat here; refs in ref-routes.ts, build statuses and pipelines in build-routes.ts.
 * Each handler gets an authorized caller and returns a body or throws an ApiError in
 * Bitbucket's format.
 */
import {canSee, requireScope, resolveOrFail, visibleRepository} from './access.js';
import type {ApiCall, ApiContext} from './api-context.js';
import type {Caller} from './auth.js';
import {routeBuilds} from './build-routes.js';
import type {RepositoryRecord} from './catalog.js';
import {commitBody, diffstatBody} from './commit-responses.js';
import {
	ApiError,
	commitPagelen,
	decodeCursor,
	diffstatPagelen,
	encodeCursor,
	listPagelen,
	numberedPage,
	pageUrl,
	parsePagelen,
} from './pagination.js';
import {listRefs} from './ref-routes.js';
import {errorBody, repositoryBody} from './responses.js';

export type {ApiCall, ApiContext} from './api-context.js';

type Json = Record<string, unknown>;

/** Commits read ahead on a cache miss: paging 10,000 commits by 100 runs ~10 `git log`, not 100. */
const prefetchedCommits = 1000;

/** Routes `/repositories/...` segments (already split and decoded) to a handler. */
export async function routeRepositories(
	context: ApiContext,
	caller: Caller,
	segments: readonly string[],
	call: ApiCall,
): Promise<Json> {
	const request = call.url;
	const [workspace, slug, resource, ...rest] = segments;
	if (workspace === undefined || workspace === '') {
		throw ApiError.notFound('Resource not found');
	}

	requireScope(caller, 'repository');
	if (slug === undefined) {
		return listRepositories(context, caller, workspace, request);
	}

	const repository = visibleRepository(context, caller, workspace, slug);
	const builds = await routeBuilds(context, caller, repository, [resource, ...rest], call);
	if (builds !== undefined) {
		return builds;
	}

	if (call.method === 'POST') {
		throw new ApiError(405, errorBody(`Method POST is not supported on ${request.pathname}.`));
	}

	switch (resource) {
		case undefined: {
			return describeRepository(context, repository);
		}

		case 'commits': {
			return listCommits(context, repository, rest.join('/'), request);
		}

		case 'commit': {
			if (rest.length === 1 && rest[0]) {
				return getCommit(context, repository, rest[0]);
			}

			break;
		}

		case 'diffstat': {
			if (rest.length > 0) {
				return getDiffstat(context, repository, rest.join('/'), request);
			}

			break;
		}

		case 'refs': {
			return listRefs(context, repository, rest, request);
		}
	}

	throw ApiError.notFound('Resource not found');
}

async function describeRepository(
	context: ApiContext,
	repository: RepositoryRecord,
): Promise<Json> {
	const [mainBranch, updatedOn, size] = await Promise.all([
		context.reader.headBranch(repository.gitDir),
		context.reader.lastUpdated(repository.gitDir),
		context.reader.size(repository.gitDir),
	]);
	return repositoryBody(context.origins, repository, {mainBranch, updatedOn, size});
}

async function listRepositories(
	context: ApiContext,
	caller: Caller,
	workspace: string,
	request: URL,
): Promise<Json> {
	const inWorkspace = context.repositories.filter(
		(repository) => repository.workspace === workspace,
	);
	if (inWorkspace.length === 0) {
		throw ApiError.notFound(`No workspace with identifier '${workspace}'.`);
	}

	const visible = inWorkspace
		.filter((repository) => canSee(caller, repository))
		.sort((first, second) => first.slug.localeCompare(second.slug));
	const bodies = await Promise.all(
		visible.map((repository) => describeRepository(context, repository)),
	);
	return numberedPage(bodies, request, context.nextOrigin(), listPagelen, (body) => body);
}

/**
 * `commits[/{revision}]` with `include`/`exclude`/`path`: like `git log REV INCLUDE… ^EXCLUDE…`,
 * or `git log --all ^EXCLUDE…` without revision and include.
 */
async function listCommits(
	context: ApiContext,
	repository: RepositoryRecord,
	revision: string,
	request: URL,
): Promise<Json> {
	const {searchParams} = request;
	const pagelen = parsePagelen(searchParams, commitPagelen);
	const page = searchParams.get('page');
	const path = searchParams.get('path') ?? undefined;
	const resolve = (revisions: string[]) =>
		Promise.all(revisions.map((name) => resolveOrFail(context, repository, name)));
	let cursor = page === null ? undefined : decodeCursor(page);
	if (cursor === undefined) {
		const includes = [...(revision === '' ? [] : [revision]), ...searchParams.getAll('include')];
		const include =
			includes.length > 0
				? await resolve(includes)
				: await context.reader.allTips(repository.gitDir);
		cursor = {include, exclude: await resolve(searchParams.getAll('exclude')), offset: 0};
	}

	const hashes =
		cursor.include.length === 0
			? []
			: await context.reader.commitHashes(repository.gitDir, {
					include: cursor.include,
					exclude: cursor.exclude,
					...(path === undefined ? {} : {path}),
				});
	const slice = hashes.slice(cursor.offset, cursor.offset + pagelen);
	const commits = await context.reader.commits(
		repository.gitDir,
		slice,
		hashes.slice(cursor.offset, cursor.offset + prefetchedCommits),
	);
	const nextOffset = cursor.offset + pagelen;
	return {
		pagelen,
		values: commits.map((commit) => commitBody(context.origins, repository, commit, context.bots)),
		...(nextOffset < hashes.length
			? {
					next: pageUrl(
						request,
						context.nextOrigin(),
						encodeCursor({...cursor, offset: nextOffset}),
					),
				}
			: {}),
	};
}

async function getCommit(
	context: ApiContext,
	repository: RepositoryRecord,
	hash: string,
): Promise<Json> {
	const resolved = await resolveOrFail(context, repository, hash);
	const [commit] = await context.reader.commits(repository.gitDir, [resolved]);
	if (commit === undefined) {
		throw ApiError.notFound(`Commit not found: ${hash}`);
	}

	return commitBody(context.origins, repository, commit, context.bots);
}

/**
 * `diffstat/{spec}`: one commit against its first parent, or `source..destination`
 * (Bitbucket's order, the opposite of git's), three-dot unless `topic=false`.
 */
async function getDiffstat(
	context: ApiContext,
	repository: RepositoryRecord,
	spec: string,
	request: URL,
): Promise<Json> {
	const {gitDir} = repository;
	const [sourceSpec, destinationSpec, ...extra] = spec.split('..');
	if (sourceSpec === undefined || extra.length > 0) {
		throw ApiError.badRequest(`Invalid spec: ${spec}`);
	}

	const source = await resolveOrFail(context, repository, sourceSpec);
	let base: string | undefined;
	if (destinationSpec === undefined) {
		const [commit] = await context.reader.commits(gitDir, [source]);
		base = commit?.parents[0];
	} else {
		const destination = await resolveOrFail(context, repository, destinationSpec);
		base =
			request.searchParams.get('topic') === 'false'
				? destination
				: ((await context.reader.mergeBase(gitDir, source, destination)) ?? destination);
	}

	const entries = await context.reader.diff(gitDir, source, base);
	return numberedPage(entries, request, context.nextOrigin(), diffstatPagelen, (entry) =>
		diffstatBody(context.origins, repository, entry, {
			...(base === undefined ? {} : {old: base}),
			new: source,
		}),
	);
}
