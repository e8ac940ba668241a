/**
 * The browser's status loader spends requests like the rate limit they cost: only what it is
 * asked for, a few at a time, once per session, again for running builds, and not at all
 * once Bitbucket says the limit is near or the session's budget is spent.
 */
import {describe, expect, it} from 'vitest';
import type {RateLimit} from '../../../source/bitbucket/client.js';
import type {CommitStatus} from '../../../source/bitbucket/types.js';
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
});
