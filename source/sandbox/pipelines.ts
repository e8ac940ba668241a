/**
 * `GET …/pipelines`: the repository's pipelines, derived from its build statuses the way
 * Bitbucket Pipelines reports them. A status whose url is a pipeline's results page
 * (`{web}/{ws}/{repo}/pipelines/results/{n}`) is that pipeline's report on its commit;
 * other statuses come from other CI and are no pipeline. The status key names the
 * pipeline's definition (its selector).
 */
import {createHash} from 'node:crypto';
import type {RepositoryRecord} from './catalog.js';
import {ApiError, numberedPage, type PagelenRule} from './pagination.js';
import {type Origins, repositorySummary} from './responses.js';
import type {StatusRecord, StatusState, StatusStore} from './statuses.js';

type Json = Record<string, unknown>;

type PipelinesContext = {statuses: StatusStore; origins: Origins; nextOrigin(): string};

/** The OpenAPI document's bounds for this endpoint (default 10, at most 100). */
const pipelinePagelen: PagelenRule = {default: 10, min: 1, max: 100};

const sorts = new Set(['created_on', '-created_on']);

export function listPipelines(
	context: PipelinesContext,
	repository: RepositoryRecord,
	request: URL,
): Json {
	const sort = request.searchParams.get('sort') ?? 'created_on';
	if (!sorts.has(sort)) {
		throw ApiError.badRequest(`sort: cannot sort on ${sort}.`);
	}

	const results = `${context.origins.gitUrl}/${repository.workspace}/${repository.slug}/pipelines/results/`;
	const pipelines = context.statuses.all(repository).flatMap(({hash, record}) => {
		const number = record.url?.startsWith(results)
			? Number(record.url.slice(results.length))
			: Number.NaN;
		return Number.isInteger(number) && number > 0 ? [{hash, record, number}] : [];
	});
	if (sort === '-created_on') {
		pipelines.reverse();
	}

	return numberedPage(pipelines, request, context.nextOrigin(), pipelinePagelen, (pipeline) =>
		pipelineBody(context.origins, repository, pipeline),
	);
}

function pipelineBody(
	origins: Origins,
	repository: RepositoryRecord,
	{hash, record, number}: {hash: string; record: StatusRecord; number: number},
): Json {
	const uuid = uuidOf(`${repository.workspace}/${repository.slug}#${number}`);
	const self = `${origins.apiUrl}/repositories/${repository.workspace}/${repository.slug}/pipelines/${encodeURIComponent(uuid)}`;
	const refName = record.refname ?? 'main';
	return {
		type: 'pipeline',
		uuid,
		build_number: number,
		repository: repositorySummary(origins, repository),
		target: {
			type: 'pipeline_ref_target',
			ref_type: 'branch',
			ref_name: refName,
			commit: {type: 'commit', hash},
			selector: {type: 'custom', pattern: record.key},
		},
		trigger: {type: 'pipeline_trigger_push'},
		state: stateBody(record.state),
		created_on: record.createdOn,
		...(record.state === 'INPROGRESS' ? {} : {completed_on: record.updatedOn}),
		links: {
			type: 'pipelines_pipeline_links',
			self: {type: 'pipelines_links_section_href', href: self},
			steps: {type: 'pipelines_links_section_href', href: `${self}/steps/`},
		},
	};
}

const results: Record<Exclude<StatusState, 'INPROGRESS'>, string> = {
	SUCCESSFUL: 'pipeline_state_completed_successful',
	FAILED: 'pipeline_state_completed_failed',
	STOPPED: 'pipeline_state_completed_stopped',
};

function stateBody(state: StatusState): Json {
	if (state === 'INPROGRESS') {
		return {
			type: 'pipeline_state_in_progress',
			name: 'IN_PROGRESS',
			stage: {type: 'pipeline_state_in_progress_running', name: 'RUNNING'},
		};
	}

	return {
		type: 'pipeline_state_completed',
		name: 'COMPLETED',
		result: {type: results[state], name: state},
	};
}

/** A stable UUID in braces, as Bitbucket writes them. */
function uuidOf(name: string): string {
	const hex = createHash('sha1').update(name).digest('hex');
	return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}}`;
}
