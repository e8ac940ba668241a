/**
 * The browser's status loader spends requests like the rate limit they cost: only what it is
 * asked for, a few at a time, once per session, again for running builds, and not at all
 * once Bitbucket says the limit is near or the session's budget is spent.
 */
import {describe, expect, it} from 'vitest';
import type {Grant, RateLimit} from '../../../source/bitbucket/client.js';
import type {CommitStatus, Page, Pipeline} from '../../../source/bitbucket/types.js';
import {buildMark, buildSummary, decidingStatus} from '../../../source/commits/build-status.js';
import {toCommitEntry} from '../../../source/commits/commit-entry.js';
import {textLines} from '../../../source/use-cases/commits/headless.js';
import {failingCount, StatusBook} from '../../../source/use-cases/commits/status-book.js';

const ref = {workspace: 'acme', repo: 'widget'};
const status = (key: string, state: CommitStatus['state'], url?: string): CommitStatus => ({
	type: 'build',
	key,
	state,
	...(url === undefined ? {} : {url}),
});

class ControlledApi {
	rateLimit: RateLimit | undefined;
	readonly asked: string[] = [];
	readonly pending = new Map<string, (statuses: CommitStatus[]) => void>();
	readonly answers = new Map<string, CommitStatus[]>();
	inFlight = 0;
	maxInFlight = 0;

	listCommitStatuses(_ref: unknown, hash: string): Promise<CommitStatus[]> {
		this.asked.push(hash);
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		return new Promise((resolve) => {
			this.pending.set(hash, (value) => {
				this.inFlight--;
				resolve(value);
			});
		});
	}

	/** Answers every request in flight, letting the loader start the next ones. */
	async settle(): Promise<void> {
		for (const [hash, answer] of [...this.pending]) {
			this.pending.delete(hash);
			answer(this.answers.get(hash) ?? []);
		}

		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}

const hashes = Array.from({length: 20}, (_, index) => `${index}`.padStart(40, 'a'));

describe('StatusBook', () => {
	it('asks only for the wanted commits, four at a time, each once', async () => {
		const api = new ControlledApi();
		api.answers.set(hashes[1]!, [status('ci', 'FAILED')]);
		const book = new StatusBook({api, ref});
		book.want(hashes.slice(0, 10));
		expect(api.asked).toEqual(hashes.slice(0, 4));
		while (api.pending.size > 0) {
			await api.settle();
		}

		expect(api.asked).toEqual(hashes.slice(0, 10));
		expect(api.maxInFlight).toBe(4);
		expect(book.getSnapshot().known.get(hashes[1]!)?.summary).toBe('FAILED');
		expect(book.getSnapshot().known.get(hashes[2]!)?.summary).toBe('none');
		expect(failingCount(book.getSnapshot())).toBe(1);
		book.want(hashes.slice(0, 10));
		expect(api.asked.length).toBe(10);
		book.close();
	});

	it('drops commits scrolled past before their turn', async () => {
		const api = new ControlledApi();
		const book = new StatusBook({api, ref, concurrency: 2});
		book.want(hashes.slice(0, 6));
		book.want(hashes.slice(10, 12));
		await api.settle();
		await api.settle();
		expect(api.asked).toEqual([...hashes.slice(0, 2), ...hashes.slice(10, 12)]);
		book.close();
	});

	it('asks again for running builds once they have aged', async () => {
		const api = new ControlledApi();
		let now = 0;
		api.answers.set(hashes[0]!, [status('ci', 'INPROGRESS')]);
		const book = new StatusBook({api, ref, now: () => now, inProgressAgeMs: 20});
		book.want(hashes.slice(0, 2));
		await api.settle();
		book.want(hashes.slice(0, 2));
		expect(api.asked.length).toBe(2);
		now = 25;
		api.answers.set(hashes[0]!, [status('ci', 'SUCCESSFUL')]);
		// The book's own timer asks again, without the view moving.
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(api.asked).toEqual([hashes[0], hashes[1], hashes[0]]);
		await api.settle();
		expect(book.getSnapshot().known.get(hashes[0]!)?.summary).toBe('SUCCESSFUL');
		book.close();
	});

	it('stops asking, and says why, when the limit is near or the budget is spent', async () => {
		const api = new ControlledApi();
		const book = new StatusBook({api, ref, budget: 3});
		book.want(hashes.slice(0, 10));
		await api.settle();
		expect(api.asked.length).toBe(3);
		expect(book.getSnapshot().paused).toBe('budget');
		expect(book.getSnapshot().requests).toBe(3);
		// A refresh makes a new book on the same ledger: the budget stays spent.
		const ledger = {requests: 0};
		const first = new StatusBook({api: new ControlledApi(), ref, budget: 2, ledger});
		first.want(hashes.slice(0, 2));
		const again = new StatusBook({api, ref, budget: 2, ledger});
		again.want(hashes.slice(0, 2));
		expect(again.getSnapshot().paused).toBe('budget');
		first.close();
		again.close();

		const near = new ControlledApi();
		const other = new StatusBook({api: near, ref});
		other.want(hashes.slice(0, 2));
		near.rateLimit = {nearLimit: true};
		await near.settle();
		other.want(hashes.slice(2, 8));
		expect(near.asked.length).toBe(2);
		expect(other.getSnapshot().paused).toBe('near-limit');
		book.close();
		other.close();
	});
});

/** ControlledApi with the pipeline scope: one page of pipelines, answered at once. */
class PipelinesApi extends ControlledApi {
	grant: Grant | undefined = {scopes: ['repository', 'pipeline']};
	readonly pipelines: Pipeline[] = [];
	pipelineCalls = 0;

	listPipelines(): Promise<Page<Pipeline>> {
		this.pipelineCalls++;
		return Promise.resolve({pagelen: 100, values: this.pipelines});
	}

	nextPage(): Promise<undefined> {
		return Promise.resolve(undefined);
	}
}

const pipeline = (hash: string, number: number, created: string, result?: string): Pipeline => ({
	type: 'pipeline',
	build_number: number,
	target: {ref_name: 'main', commit: {hash}, selector: {type: 'branches', pattern: 'main'}},
	state:
		result === undefined
			? {name: 'IN_PROGRESS', stage: {name: 'RUNNING'}}
			: {name: 'COMPLETED', result: {name: result}},
	created_on: created,
	repository: {links: {html: {href: 'https://bitbucket.example/acme/widget'}}},
});

describe('StatusBook with the pipeline scope', () => {
	// hashes[0] is newest: one commit an hour, the newest at 12:00 on 1 March.
	const dates = new Map(
		hashes.map((hash, index) => [hash, new Date(Date.UTC(2025, 2, 1, 12 - index)).toISOString()]),
	);

	it('answers from one pipelines request for the commits made since its oldest pipeline', async () => {
		const api = new PipelinesApi();
		// Pipelines ran on commits 0, 2 and 4 (2 twice: the re-run replaces the error).
		api.pipelines.push(
			pipeline(hashes[0]!, 9, '2025-03-01T12:05:00Z'),
			pipeline(hashes[2]!, 8, '2025-03-01T10:30:00Z', 'SUCCESSFUL'),
			pipeline(hashes[2]!, 7, '2025-03-01T10:05:00Z', 'ERROR'),
			pipeline(hashes[4]!, 6, '2025-03-01T08:05:00Z', 'FAILED'),
		);
		const book = new StatusBook({api, ref});
		book.want(hashes.slice(0, 10), {dates});
		await api.settle();
		await api.settle();
		expect(api.pipelineCalls).toBe(1);
		// Commits 0–3 are newer than pipeline #6; 4 and older are asked alone.
		expect(api.asked).toEqual(hashes.slice(4, 10));
		const {known, requests} = book.getSnapshot();
		expect(requests).toBe(7);
		expect(hashes.slice(0, 4).map((hash) => known.get(hash)?.summary)).toEqual([
			'INPROGRESS',
			'none',
			'SUCCESSFUL',
			'none',
		]);
		expect(known.get(hashes[0]!)).toMatchObject({
			from: 'pipelines',
			statuses: [
				{
					name: 'Pipeline #9',
					state: 'INPROGRESS',
					url: 'https://bitbucket.example/acme/widget/pipelines/results/9',
				},
			],
		});

		// The details ask for the commit's own statuses (other CI reports there too).
		api.answers.set(hashes[2]!, [status('jenkins', 'FAILED'), status('lint', 'SUCCESSFUL')]);
		book.want([hashes[2]!], {dates, full: true});
		await api.settle();
		expect(api.asked.at(-1)).toBe(hashes[2]);
		expect(book.getSnapshot().known.get(hashes[2]!)).toMatchObject({
			from: 'statuses',
			summary: 'FAILED',
		});
		book.close();
	});

	it('asks per commit, as before, without the scope or when the repository has no pipelines', async () => {
		const unscoped = new PipelinesApi();
		unscoped.grant = {scopes: ['repository']};
		const empty = new PipelinesApi();
		for (const api of [unscoped, empty]) {
			const book = new StatusBook({api, ref});
			book.want(hashes.slice(0, 6), {dates});
			await api.settle();
			await api.settle();
			expect(api.asked).toEqual(hashes.slice(0, 6));
			book.close();
		}

		expect(unscoped.pipelineCalls).toBe(0);
		expect(empty.pipelineCalls).toBe(1);
	});
});

describe('build marks', () => {
	it('a failure outweighs a running build, which outweighs a stopped one', () => {
		expect(buildSummary([])).toBe('none');
		expect(buildSummary([status('a', 'SUCCESSFUL'), status('b', 'STOPPED')])).toBe('STOPPED');
		expect(buildSummary([status('a', 'INPROGRESS'), status('b', 'STOPPED')])).toBe('INPROGRESS');
		expect(buildSummary([status('a', 'INPROGRESS'), status('b', 'FAILED')])).toBe('FAILED');
		expect(
			['SUCCESSFUL', 'FAILED', 'INPROGRESS', 'STOPPED', 'none'].map((summary) =>
				buildMark(summary as 'none'),
			),
		).toEqual(['✓', '✗', '…', '■', '·']);
		expect(buildMark(undefined)).toBe(' ');
		expect(
			decidingStatus([status('a', 'SUCCESSFUL', 'https://a'), status('b', 'FAILED', 'https://b')])
				?.key,
		).toBe('b');
	});

	it('headless text lines carry the mark after the hash with --statuses', () => {
		const entry = toCommitEntry({
			type: 'commit',
			hash: 'abcdef1234567890',
			date: '2024-03-05T10:00:00+00:00',
			author: {type: 'author', raw: 'Alice <a@x>'},
			message: 'Fix it',
		});
		expect(textLines([{entry, statuses: [status('ci', 'FAILED')]}])).toBe(
			'abcdef1 ✗  2024-03-05  Alice  Fix it\n',
		);
		expect(textLines([{entry}])).toBe('abcdef1  2024-03-05  Alice  Fix it\n');
	});

	it('headless text lines align authors by display width', () => {
		const commit = (hash: string, raw: string) =>
			toCommitEntry({
				type: 'commit',
				hash,
				date: '2024-03-05T10:00:00+00:00',
				author: {type: 'author', raw},
				message: 'Fix it',
			});
		const lines = textLines([
			{entry: commit('abcdef1234567890', '山田太郎 <y@x>')},
			{entry: commit('1234567abcdef000', 'Alice <a@x>')},
		]).split('\n');
		expect(lines[0]).toBe('abcdef1  2024-03-05  山田太郎  Fix it');
		expect(lines[1]).toBe('1234567  2024-03-05  Alice     Fix it');
	});
});
