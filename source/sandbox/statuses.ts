/**
 * Build statuses, as Bitbucket keeps them: per repository and commit, one status per key
 * (POSTing a key again updates it), kept in memory for the sandbox's lifetime. Served as
 * `commitstatus` objects: `GET …/commit/{hash}/statuses` (paged, newest update first) and
 * `POST …/commit/{hash}/statuses/build`.
 */
import type {RepositoryRecord} from './catalog.js';
import {ApiError, listPagelen, numberedPage} from './pagination.js';
import type {Origins} from './responses.js';

export const statusStates = ['SUCCESSFUL', 'FAILED', 'INPROGRESS', 'STOPPED'] as const;
export type StatusState = (typeof statusStates)[number];

export type StatusInput = {
	key: string;
	state: StatusState;
	name?: string;
	description?: string;
	url?: string;
	refname?: string;
};

export type StatusRecord = StatusInput & {createdOn: string; updatedOn: string};

type Json = Record<string, unknown>;

export class StatusStore {
	/** `workspace/slug` → commit hash → key → status. */
	readonly #byCommit = new Map<string, Map<string, Map<string, StatusRecord>>>();
	readonly #now: () => Date;

	constructor(now: () => Date = () => new Date()) {
		this.#now = now;
	}

	/** Creates the status of `input.key`, or updates it (keeping when it was created). */
	put(repository: RepositoryRecord, hash: string, input: StatusInput): StatusRecord {
		const repositoryKey = `${repository.workspace}/${repository.slug}`;
		const commits = this.#byCommit.get(repositoryKey) ?? new Map();
		this.#byCommit.set(repositoryKey, commits);
		const statuses: Map<string, StatusRecord> = commits.get(hash) ?? new Map();
		commits.set(hash, statuses);
		const now = this.#now().toISOString();
		const record = {...input, createdOn: statuses.get(input.key)?.createdOn ?? now, updatedOn: now};
		// Re-inserted, so the map's order is the order of the latest updates.
		statuses.delete(input.key);
		statuses.set(input.key, record);
		return record;
	}

	/** Every status of the repository with its commit, oldest first. */
	all(repository: RepositoryRecord): {hash: string; record: StatusRecord}[] {
		const commits = this.#byCommit.get(`${repository.workspace}/${repository.slug}`) ?? new Map();
		return [...commits.entries()]
			.flatMap(([hash, statuses]) =>
				[...statuses.values()].map((record: StatusRecord) => ({hash, record})),
			)
			.sort((first, second) => first.record.createdOn.localeCompare(second.record.createdOn));
	}

	list(repository: RepositoryRecord, hash: string): StatusRecord[] {
		const statuses = this.#byCommit.get(`${repository.workspace}/${repository.slug}`)?.get(hash);
		return [...(statuses?.values() ?? [])].reverse();
	}
}

type StatusContext = {statuses: StatusStore; origins: Origins; nextOrigin(): string};

/** `commit/{hash}/statuses` (GET) and `commit/{hash}/statuses/build` (POST); `path` is what follows `statuses`. */
export function routeStatuses(
	context: StatusContext,
	repository: RepositoryRecord,
	hash: string,
	path: readonly string[],
	call: {method: string; url: URL; body: unknown},
): Json {
	const {statuses, origins} = context;
	if (call.method === 'POST' && path.length === 1 && path[0] === 'build') {
		const record = statuses.put(repository, hash, parseStatusInput(call.body));
		return statusBody(origins, repository, hash, record);
	}

	if (call.method !== 'POST' && path.length === 0) {
		return numberedPage(
			statuses.list(repository, hash),
			call.url,
			context.nextOrigin(),
			listPagelen,
			(record) => statusBody(origins, repository, hash, record),
		);
	}

	throw ApiError.notFound('Resource not found');
}

/** Reads a POST body: `key` and `state` are required, as in the `commitstatus` schema. */
export function parseStatusInput(body: unknown): StatusInput {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw ApiError.badRequest('The body must be a JSON object.');
	}

	const fields = body as Record<string, unknown>;
	const text = (name: string): string | undefined => {
		const value = fields[name];
		if (value === undefined || value === null) {
			return undefined;
		}

		if (typeof value !== 'string') {
			throw ApiError.badRequest(`${name}: expected a string.`);
		}

		return value;
	};

	const key = text('key');
	const state = text('state');
	if (key === undefined || key === '') {
		throw ApiError.badRequest('key: This field is required.');
	}

	if (!statusStates.includes(state as StatusState)) {
		throw ApiError.badRequest(`state: expected one of ${statusStates.join(', ')}.`);
	}

	const optional = ['name', 'description', 'url', 'refname'] as const;
	return {
		key,
		state: state as StatusState,
		...Object.fromEntries(
			optional.flatMap((name) => (text(name) === undefined ? [] : [[name, text(name)]])),
		),
	};
}

export function statusBody(
	origins: Origins,
	repository: RepositoryRecord,
	hash: string,
	record: StatusRecord,
): Json {
	const commit = `${origins.apiUrl}/repositories/${repository.workspace}/${repository.slug}/commit/${hash}`;
	return {
		type: 'build',
		key: record.key,
		state: record.state,
		name: record.name ?? record.key,
		...(record.description === undefined ? {} : {description: record.description}),
		...(record.url === undefined ? {} : {url: record.url}),
		...(record.refname === undefined ? {} : {refname: record.refname}),
		created_on: record.createdOn,
		updated_on: record.updatedOn,
		links: {
			self: {href: `${commit}/statuses/build/${encodeURIComponent(record.key)}`},
			commit: {href: commit},
		},
	};
}

/** What `demo` shows on acme/widget's newest commits (index in `git rev-list main`). */
const demoStatuses: readonly (readonly [number, StatusInput])[] = [
	[0, {key: 'build', state: 'INPROGRESS', name: 'Pipeline #58', description: 'Running tests'}],
	[1, {key: 'build', state: 'SUCCESSFUL', name: 'Pipeline #57', description: 'Tests passed'}],
	[1, {key: 'lint', state: 'SUCCESSFUL', name: 'Lint', description: 'No problems'}],
	[2, {key: 'build', state: 'FAILED', name: 'Pipeline #56', description: '3 tests failed'}],
	[2, {key: 'lint', state: 'SUCCESSFUL', name: 'Lint', description: 'No problems'}],
	[3, {key: 'build', state: 'STOPPED', name: 'Pipeline #55', description: 'Stopped by Bob Ng'}],
	[4, {key: 'build', state: 'SUCCESSFUL', name: 'Pipeline #54', description: 'Tests passed'}],
];

/** Seeds the demo's statuses; each links to its (sandbox) pipeline page. */
export function seedDemoStatuses(
	store: StatusStore,
	origins: Origins,
	repository: RepositoryRecord,
	newestFirst: readonly string[],
): void {
	for (const [index, input] of demoStatuses) {
		const hash = newestFirst[index];
		if (hash !== undefined) {
			const number = /#(\d+)/.exec(input.name ?? '')?.[1] ?? input.key;
			const url = `${origins.gitUrl}/${repository.workspace}/${repository.slug}/pipelines/results/${number}`;
			store.put(repository, hash, {...input, url, refname: 'main'});
		}
	}
}
