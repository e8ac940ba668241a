import {describe, expect, it} from 'vitest';
import {CommitFeed, defaultBranchOf, refMarkText, refsByHash} from '../../source/commits/feed.js';
import {NetworkError} from '../../source/core/errors.js';
import {FakeCommitsApi, fakeHash} from './fake-api.js';

const ref = {workspace: 'acme', repo: 'widget'};

function settled(feed: CommitFeed): Promise<void> {
	return new Promise((resolve) => {
		const check = () => {
			if (feed.getSnapshot().loading === undefined) {
				unsubscribe();
				resolve();
			}
		};
		const unsubscribe = feed.subscribe(check);
		check();
	});
}

describe('the commit feed', () => {
	it('reports the first page as loading before start(), and start() loads it once', async () => {
		const api = new FakeCommitsApi();
		const feed = new CommitFeed({api, ref, revision: 'main'});
		expect(feed.getSnapshot()).toMatchObject({entries: [], loading: 'first'});
		expect(api.calls).toEqual([]);
		feed.start();
		feed.start();
		await settled(feed);
		expect(api.callsOf('listCommits')).toHaveLength(1);
		expect(feed.getSnapshot().entries).toHaveLength(100);
	});

	it('loads the first page, then the next only when asked within the margin', async () => {
		const api = new FakeCommitsApi();
		const feed = new CommitFeed({api, ref, revision: 'main'});
		feed.start();
		await settled(feed);
		expect(feed.getSnapshot().entries).toHaveLength(100);
		feed.prefetch(40, 50);
		expect(api.callsOf('nextPage')).toHaveLength(0);
		feed.prefetch(50, 50);
		feed.prefetch(51, 50);
		await settled(feed);
		expect(api.callsOf('nextPage')).toHaveLength(1);
		expect(feed.getSnapshot()).toMatchObject({hasMore: true, error: undefined});
		expect(
			feed
				.getSnapshot()
				.entries.map((entry) => entry.hash)
				.slice(99, 101),
		).toEqual([fakeHash('main', 99), fakeHash('main', 100)]);
	});

	it('loads everything with loadAll, and resumes from the failed page after retry', async () => {
		const api = new FakeCommitsApi();
		const feed = new CommitFeed({api, ref, revision: 'main'});
		feed.start();
		await settled(feed);
		api.failures.set('nextPage', new NetworkError('cut'));
		feed.loadAll();
		await settled(feed);
		expect(feed.getSnapshot().error).toBeInstanceOf(NetworkError);
		expect(feed.getSnapshot().entries).toHaveLength(100);
		feed.retry();
		feed.loadAll();
		await settled(feed);
		expect(feed.getSnapshot()).toMatchObject({hasMore: false, error: undefined});
		expect(feed.getSnapshot().entries).toHaveLength(250);
		expect(api.callsOf('nextPage').map((call) => call.page)).toEqual([2, 2, 3]);
	});

	it('stops quietly when closed', async () => {
		const api = new FakeCommitsApi({latencyMs: 20});
		const feed = new CommitFeed({api, ref, revision: 'main'});
		feed.start();
		feed.close();
		await new Promise((resolve) => setTimeout(resolve, 40));
		expect(feed.getSnapshot()).toMatchObject({entries: [], error: undefined});
	});

	it('finds the main branch and the branches and tags at each commit', async () => {
		const api = new FakeCommitsApi({mainBranch: 'develop'});
		expect(await defaultBranchOf(api, ref)).toBe('develop');
		const refs = refsByHash(
			[
				{type: 'branch', name: 'main', target: {type: 'commit', hash: 'a'}},
				{type: 'branch', name: 'release', target: {type: 'commit', hash: 'a'}},
				{type: 'branch', name: 'topic', target: {type: 'commit', hash: 'b'}},
			],
			[{type: 'tag', name: 'v1.0', target: {type: 'commit', hash: 'a'}}],
		);
		expect(refs.get('a')?.map(refMarkText)).toEqual(['[main]', '[release]', '<v1.0>']);
		expect(refs.get('b')).toEqual([{name: 'topic', kind: 'branch'}]);
	});
});
