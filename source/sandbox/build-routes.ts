/**
 * The build routes of a repository: `commit/{hash}/statuses[/build]` (scope `repository`,
 * checked by the caller) and `pipelines` (scope `pipeline`, as the OpenAPI document gives).
 */
import {requireScope, resolveOrFail} from './access.js';
import type {ApiCall, ApiContext} from './api-context.js';
import type {Caller} from './auth.js';
import type {RepositoryRecord} from './catalog.js';
import {ApiError} from './pagination.js';
import {listPipelines} from './pipelines.js';
import {errorBody} from './responses.js';
import {routeStatuses} from './statuses.js';

/** The answer of a build route, or undefined when `segments` (after the repository) name none. */
export async function routeBuilds(
	context: ApiContext,
	caller: Caller,
	repository: RepositoryRecord,
	segments: readonly (string | undefined)[],
	call: ApiCall,
): Promise<Record<string, unknown> | undefined> {
	const [resource, ...rest] = segments;
	if (resource === 'commit' && rest[1] === 'statuses') {
		const hash = await resolveOrFail(context, repository, rest[0] ?? '');
		return routeStatuses(context, repository, hash, rest.slice(2) as string[], call);
	}

	if (resource === 'pipelines' && rest.length === 0) {
		requireScope(caller, 'pipeline');
		if (call.method === 'POST') {
			throw new ApiError(405, errorBody('Running pipelines is not supported by this sandbox.'));
		}

		return listPipelines(context, repository, call.url);
	}

	return undefined;
}
