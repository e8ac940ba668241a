/** The refs routes: branches and tags, listed or one by name, each with its target commit. */

import type {ApiContext} from './api-context.js';
import type {RepositoryRecord} from './catalog.js';
import {branchBody, commitBody, tagBody} from './commit-responses.js';
import {ApiError, listPagelen, numberedPage} from './pagination.js';

type Json = Record<string, unknown>;

export /** `refs`, `refs/branches[/{name}]`, `refs/tags[/{name}]`, sorted by name like Bitbucket's default. */
async function listRefs(
	context: ApiContext,
	repository: RepositoryRecord,
	rest: readonly string[],
	request: URL,
): Promise<Json> {
	const [kind, ...nameParts] = rest;
	const {gitDir} = repository;
	const wantBranches = kind === undefined || kind === 'branches';
	const wantTags = kind === undefined || kind === 'tags';
	if (!wantBranches && !wantTags) {
		throw ApiError.notFound('Resource not found');
	}

	const [branches, tags] = await Promise.all([
		wantBranches ? context.reader.branches(gitDir) : [],
		wantTags ? context.reader.tags(gitDir) : [],
	]);
	const targets = await context.reader.commits(gitDir, [
		...branches.map((branch) => branch.target),
		...tags.map((tag) => tag.target),
	]);
	const targetBody = (hash: string) => {
		const commit = targets.find((candidate) => candidate.hash === hash);
		return commit === undefined
			? {type: 'commit', hash}
			: commitBody(context.origins, repository, commit, context.bots);
	};
	const refs = [
		...branches.map((branch) => ({
			name: branch.name,
			body: () => branchBody(context.origins, repository, branch, targetBody(branch.target)),
		})),
		...tags.map((tag) => ({
			name: tag.name,
			body: () => tagBody(context.origins, repository, tag, targetBody(tag.target), context.bots),
		})),
	].sort((first, second) => first.name.localeCompare(second.name));

	if (kind !== undefined && nameParts.length > 0) {
		const name = nameParts.join('/');
		const ref = refs.find((candidate) => candidate.name === name);
		if (ref === undefined) {
			throw ApiError.notFound(`${kind === 'branches' ? 'Branch' : 'Tag'} not found: ${name}`);
		}

		return ref.body();
	}

	return numberedPage(refs, request, context.nextOrigin(), listPagelen, (ref) => ref.body());
}
