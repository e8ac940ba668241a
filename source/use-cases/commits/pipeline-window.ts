/**
 * The pipelines shortcut: with the `pipeline` scope, one request (the repository's newest
 * pipelines, up to 100) says how every commit made since the oldest of them was built. A
 * pipeline runs after its commit exists, so a commit dated after that oldest pipeline has
 * all its pipelines in the list, and none listed means none ran: its statuses are known
 * without a request of its own. Older commits are outside the window until the next page
 * is asked for; the caller asks per commit when that is cheaper.
 * Each pipeline stands for the status Pipelines reports on its commit; a re-run of the same
 * definition (ref and selector) replaces the older run, as Bitbucket's status does.
 */
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitStatus, Page, Pipeline} from '../../bitbucket/types.js';

export type PipelinesApi = Pick<BitbucketClient, 'listPipelines' | 'nextPage'> & {
	readonly grant: BitbucketClient['grant'];
};

/** A commit the window may cover: its hash and date (author's, which is never after its pipelines). */
export type DatedCommit = {readonly hash: string; readonly isoDate: string | undefined};

/** `pipeline` or any scope that includes it (`pipeline:write`, `pipeline:variable`). */
export function grantsPipelines(grant: BitbucketClient['grant']): boolean {
	return (
		grant?.scopes.some((scope) => scope === 'pipeline' || scope.startsWith('pipeline:')) ?? false
	);
}

export class PipelineWindow {
	readonly #api: PipelinesApi;
	readonly #ref: RepoRef;
	readonly #byCommit = new Map<string, CommitStatus[]>();
	readonly #definitions = new Set<string>();
	/** Commits with a pipeline in a state this client does not know: asked per commit. */
	readonly #unsure = new Set<string>();
	/** When the oldest pipeline listed was created; undefined until a page has some. */
	#since: number | undefined;
	#next: Page<Pipeline> | undefined;
	#asked = false;
	#unusable = false;

	constructor(api: PipelinesApi, ref: RepoRef) {
		this.#api = api;
		this.#ref = ref;
	}

	/** The token may list pipelines, and the list, once asked, had some. */
	get usable(): boolean {
		return !this.#unusable && grantsPipelines(this.#api.grant);
	}

	/** One more request could widen the window. */
	get canGrow(): boolean {
		return this.usable && (!this.#asked || this.#next !== undefined);
	}

	/** The commit's statuses, as its pipelines report them, or undefined when outside the window. */
	statusesOf(commit: DatedCommit): readonly CommitStatus[] | undefined {
		const date = commit.isoDate === undefined ? Number.NaN : Date.parse(commit.isoDate);
		if (this.#since === undefined || !(date >= this.#since) || this.#unsure.has(commit.hash)) {
			return undefined;
		}

		return this.#byCommit.get(commit.hash) ?? [];
	}

	/** Asks for the next page of pipelines (the first, the first time): one request. */
	async grow(options: {signal?: AbortSignal} = {}): Promise<void> {
		let page: Page<Pipeline> | undefined;
		try {
			page =
				this.#asked && this.#next
					? await this.#api.nextPage(this.#next, options)
					: await this.#api.listPipelines(this.#ref, {...options, pagelen: 100});
		} catch (error) {
			// Pipelines off, or the scope refused after all: the statuses are still there.
			this.#unusable = true;
			if (options.signal?.aborted) {
				throw error;
			}

			return;
		}

		if (page === undefined) {
			this.#next = undefined;
			return;
		}

		if (!this.#asked && page.values.length === 0) {
			// A repository that never ran a pipeline says nothing about its builds.
			this.#unusable = true;
		}

		this.#asked = true;
		this.#next = page.next === undefined ? undefined : page;
		for (const pipeline of page.values) {
			this.#add(pipeline);
		}
	}

	#add(pipeline: Pipeline): void {
		const hash = pipeline.target?.commit?.hash;
		const created = Date.parse(pipeline.created_on ?? '');
		if (hash === undefined || Number.isNaN(created)) {
			return;
		}

		this.#since = Math.min(this.#since ?? created, created);
		const {ref_name: refName, selector} = pipeline.target ?? {};
		const definition = `${hash} ${refName} ${selector?.type} ${selector?.pattern}`;
		if (this.#definitions.has(definition)) {
			return;
		}

		this.#definitions.add(definition);
		const status = statusOf(pipeline);
		if (status === undefined) {
			this.#unsure.add(hash);
			return;
		}

		this.#byCommit.set(hash, [...(this.#byCommit.get(hash) ?? []), status]);
	}
}

const results: Record<string, CommitStatus['state']> = {
	SUCCESSFUL: 'SUCCESSFUL',
	FAILED: 'FAILED',
	ERROR: 'FAILED',
	STOPPED: 'STOPPED',
	EXPIRED: 'STOPPED',
};

/** A pipeline as the status it reports: running (or waiting) is INPROGRESS; an error failed. */
export function statusOf(pipeline: Pipeline): CommitStatus | undefined {
	const {state} = pipeline;
	const mapped =
		state?.name === 'PENDING' || state?.name === 'IN_PROGRESS'
			? 'INPROGRESS'
			: state?.name === 'COMPLETED'
				? results[state.result?.name ?? '']
				: undefined;
	if (mapped === undefined) {
		return undefined;
	}

	const number = pipeline.build_number;
	const web = pipeline.repository?.links?.html?.href;
	return {
		type: 'build',
		key: pipeline.target?.selector?.pattern ?? pipeline.uuid ?? String(number),
		state: mapped,
		name: number === undefined ? 'Pipeline' : `Pipeline #${number}`,
		...(web === undefined || number === undefined
			? {}
			: {url: `${web}/pipelines/results/${number}`}),
		...(pipeline.target?.ref_name === undefined ? {} : {refname: pipeline.target.ref_name}),
		...(pipeline.created_on === undefined ? {} : {created_on: pipeline.created_on}),
		updated_on: pipeline.completed_on ?? pipeline.created_on ?? '',
	};
}
