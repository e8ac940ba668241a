/**
 * Who may see what, as Bitbucket answers it: a missing scope is 403 naming what was granted
 * and what is required, a private repository the token does not reach is the same 404 as
 * one that does not exist.
 */
import {type Caller, hasScope, reaches} from './auth.js';
import {findRepository, type RepositoryRecord} from './catalog.js';
import {ApiError} from './pagination.js';
import type {RepositoryReader} from './repo-data.js';
import {errorBody} from './responses.js';

const notReachable =
	'You may not have access to this repository or it no longer exists in this workspace. If you think this repository exists and you have access, make sure you are authenticated.';

export function requireScope(caller: Caller, scope: string): void {
	if (caller.kind === 'token' && !hasScope(caller.grant, scope)) {
		throw new ApiError(
			403,
			errorBody('Your credentials lack one or more required privilege scopes.', {
				granted: [...caller.grant.scopes],
				required: [scope],
			}),
		);
	}
}

export function canSee(caller: Caller, repository: RepositoryRecord): boolean {
	if (!repository.isPrivate) {
		return true;
	}

	return caller.kind === 'token' && reaches(caller.grant, repository);
}

export function visibleRepository(
	context: {repositories: readonly RepositoryRecord[]},
	caller: Caller,
	workspace: string,
	slug: string,
): RepositoryRecord {
	const repository = findRepository(context.repositories, workspace, slug);
	if (repository === undefined || !canSee(caller, repository)) {
		throw ApiError.notFound(notReachable);
	}

	return repository;
}

export async function resolveOrFail(
	context: {reader: RepositoryReader},
	repository: RepositoryRecord,
	revision: string,
): Promise<string> {
	const hash = await context.reader.resolveCommit(repository.gitDir, revision);
	if (hash === undefined) {
		throw ApiError.notFound(`Commit not found: ${revision}`);
	}

	return hash;
}
