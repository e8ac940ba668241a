/**
 * An in-memory stand-in for BitbucketClient's commit methods (the CommitsApi subset): pages
 * of generated commits per branch, a call log, and failures on demand. For UI tests and the
 * benchmark, where the sandbox's git processes would only add noise.
 */
import {createHash} from 'node:crypto';
import type {Grant, RateLimit} from '../../source/bitbucket/client.js';
import type {RepoRef} from '../../source/bitbucket/repo-ref.js';
import type {
	Branch,
	Commit,
	CommitStatus,
	Diffstat,
	Page,
	Pipeline,
	Repository,
	Tag,
} from '../../source/bitbucket/types.js';
import type {CommitsApi} from '../../source/commits/feed.js';

export type FakeCall = {method: string; revision?: string; page?: number; hash?: string};

export type FakeApiOptions = {
	/** Commits per branch, newest first; default main: 250, develop: 40. */
	branches?: Record<string, number>;
	mainBranch?: string;
	/** Milliseconds before every answer; default 0 (a resolved promise). */
	latencyMs?: number;
};

const authors = [
	'Alice Martin <alice.martin@acme.example>',
	'Bob Ng <bob.ng@acme.example>',
	'Chen Wei <chen.wei@acme.example>',
	"Dana O'Brien <dana@contractor.example>",
];
const subjects = [
	'Fix sprocket cache',
	'Add gear ratio check',
	'Document config loader',
	'Tidy retry budget',
];
const start = Date.parse('2024-04-22T12:00:00Z');

export function fakeHash(branch: string, index: number): string {
	return createHash('sha1').update(`${branch}:${index}`).digest('hex');
}

export function fakeCommit(branch: string, index: number, total: number): Commit {
	return {
		type: 'commit',
		hash: fakeHash(branch, index),
		date: new Date(start - index * 3_600_000).toISOString().replace('.000Z', '+00:00'),
		author: {type: 'author', raw: authors[index % authors.length]!},
		message: `${subjects[index % subjects.length]} #${index} on ${branch}\n\nBody of commit ${index}.\n`,
		parents: index + 1 < total ? [{type: 'commit_base', hash: fakeHash(branch, index + 1)}] : [],
	};
}

export class FakeCommitsApi implements CommitsApi {
	readonly calls: FakeCall[] = [];
	rateLimit: RateLimit | undefined;
	/** Scopes as the answers state them: with `pipeline`, the status book lists pipelines. */
	grant: Grant | undefined;
	/** What listPipelines answers, newest first, in one page. */
	readonly pipelines: Pipeline[] = [];
	/** The next call of this method rejects with the error (once). */
	readonly failures = new Map<string, unknown>();
	/** Build statuses by commit hash; a commit not in here has none. */
	readonly statuses = new Map<string, CommitStatus[]>();
	readonly #branches: Record<string, number>;
	readonly #mainBranch: string;
	readonly #latencyMs: number;
	readonly #commits = new Map<string, Commit[]>();

	constructor(options: FakeApiOptions = {}) {
		this.#branches = options.branches ?? {main: 250, develop: 40};
		this.#mainBranch = options.mainBranch ?? 'main';
		this.#latencyMs = options.latencyMs ?? 0;
	}

	commitsOf(branch: string): Commit[] {
		let commits = this.#commits.get(branch);
		if (commits === undefined) {
			const total = this.#branches[branch] ?? 0;
			commits = Array.from({length: total}, (_, index) => fakeCommit(branch, index, total));
			this.#commits.set(branch, commits);
		}

		return commits;
	}

	getRepository(ref: RepoRef): Promise<Repository> {
		return this.#answer({method: 'getRepository'}, () => ({
			type: 'repository',
			full_name: `${ref.workspace}/${ref.repo}`,
			mainbranch: {type: 'branch', name: this.#mainBranch},
		}));
	}

	listCommits(
		_ref: RepoRef,
		options: {revision?: string; pagelen?: number} = {},
	): Promise<Page<Commit>> {
		const revision = options.revision ?? this.#mainBranch;
		return this.#answer({method: 'listCommits', revision, page: 1}, () =>
			this.#page(revision, 1, options.pagelen ?? 30),
		);
	}

	nextPage<T>(page: Page<T>): Promise<Page<T> | undefined> {
		if (page.next === undefined) {
			return Promise.resolve(undefined);
		}

		const url = new URL(page.next);
		const revision = url.searchParams.get('revision') ?? '';
		const number = Number(url.searchParams.get('page'));
		const pagelen = Number(url.searchParams.get('pagelen'));
		return this.#answer(
			{method: 'nextPage', revision, page: number},
			() => this.#page(revision, number, pagelen) as Page<T>,
		);
	}

	getCommit(_ref: RepoRef, hash: string): Promise<Commit> {
		return this.#answer({method: 'getCommit'}, () => {
			for (const branch of Object.keys(this.#branches)) {
				const found = this.commitsOf(branch).find((commit) => commit.hash === hash);
				if (found) {
					return found;
				}
			}

			throw new Error(`no commit ${hash}`);
		});
	}

	getDiffstat(_ref: RepoRef, spec: string): Promise<Diffstat[]> {
		return this.#answer({method: 'getDiffstat'}, () => [
			{
				type: 'diffstat',
				status: 'modified',
				lines_added: 12,
				lines_removed: 4,
				old: {type: 'commit_file', path: 'src/gears.ts'},
				new: {type: 'commit_file', path: 'src/gears.ts'},
			},
			{
				type: 'diffstat',
				status: 'added',
				lines_added: 3,
				lines_removed: 0,
				old: null,
				new: {type: 'commit_file', path: `docs/${spec.slice(0, 7)}.md`},
			},
			{
				type: 'diffstat',
				status: 'removed',
				lines_added: 0,
				lines_removed: 0,
				old: {type: 'commit_file', path: 'assets/old-logo.png', attributes: 'binary'},
				new: null,
			},
		]);
	}

	listBranches(): Promise<Branch[]> {
		return this.#answer({method: 'listBranches'}, () =>
			Object.keys(this.#branches).map((name) => ({
				type: 'branch',
				name,
				target: {type: 'commit', hash: fakeHash(name, 0)},
			})),
		);
	}

	/** One tag, `v1.0`, on the main branch's third commit. */
	listTags(): Promise<Tag[]> {
		return this.#answer({method: 'listTags'}, () => [
			{type: 'tag', name: 'v1.0', target: {type: 'commit', hash: fakeHash(this.#mainBranch, 2)}},
		]);
	}

	listCommitStatuses(_ref: RepoRef, hash: string): Promise<CommitStatus[]> {
		return this.#answer({method: 'listCommitStatuses', hash}, () => this.statuses.get(hash) ?? []);
	}

	listPipelines(): Promise<Page<Pipeline>> {
		return this.#answer({method: 'listPipelines'}, () => ({pagelen: 100, values: this.pipelines}));
	}

	callsOf(method: string): FakeCall[] {
		return this.calls.filter((call) => call.method === method);
	}

	#page(revision: string, number: number, pagelen: number): Page<Commit> {
		const commits = this.commitsOf(revision);
		const values = commits.slice((number - 1) * pagelen, number * pagelen);
		const more = number * pagelen < commits.length;
		return {
			values,
			pagelen,
			page: number,
			...(more
				? {
						next: `https://api.fake.example/2.0/commits?revision=${revision}&page=${number + 1}&pagelen=${pagelen}`,
					}
				: {}),
		};
	}

	#answer<T>(call: FakeCall, produce: () => T): Promise<T> {
		this.calls.push(call);
		const failure = this.failures.get(call.method);
		if (failure !== undefined) {
			this.failures.delete(call.method);
		}

		const settle = () => (failure === undefined ? produce() : Promise.reject(failure));
		if (this.#latencyMs === 0) {
			return Promise.resolve().then(settle);
		}

		return new Promise((resolve) => setTimeout(resolve, this.#latencyMs)).then(settle);
	}
}
