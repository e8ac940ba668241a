/**
 * A first page already in when the browser mounts (the warm start's answer) is drawn in the
 * browser's first frame, with no request of its own; a refresh asks the API again.
 */
import {expect, it, vi} from 'vitest';
import {defaultPagelen} from '../../../source/commits/feed.js';
import {CommitBrowser} from '../../../source/ui/commit-browser/index.js';
import {FakeCommitsApi} from '../../commits/fake-api.js';
import {renderInk} from '../../helpers/render.js';

const ref = {workspace: 'acme', repo: 'widget'};
const now = () => Date.parse('2024-04-22T15:00:00Z');

async function withFirstPage(api: FakeCommitsApi, props: {branch?: string} = {}) {
	const revision = props.branch ?? 'main';
	const page = await api.listCommits(ref, {revision, pagelen: defaultPagelen});
	api.calls.length = 0;
	return renderInk(
		<CommitBrowser
			client={api}
			repoRef={ref}
			height={12}
			now={now}
			onExit={vi.fn()}
			copy={() => {}}
			firstPage={{revision, page}}
			{...props}
		/>,
	);
}

it('draws a first page given to it in its first frame, without asking for it again', async () => {
	const api = new FakeCommitsApi();
	const ink = await withFirstPage(api);
	expect(ink.frames[0]).toContain('Fix sprocket cache #0 on main');
	expect(ink.frames[0]).toContain('acme/widget  main');
	expect(ink.frames[0]).toContain('1/100 · more on scroll · G all');
	// The branches and tags still come, for the marks.
	await ink.waitFor('[main]');
	expect(api.callsOf('getRepository')).toEqual([]);
	expect(api.callsOf('listCommits')).toEqual([]);
	expect(api.callsOf('listBranches')).toHaveLength(1);
});

it('draws a given branch from a first page of that branch', async () => {
	const api = new FakeCommitsApi();
	const ink = await withFirstPage(api, {branch: 'develop'});
	expect(ink.frames[0]).toContain('#0 on develop');
	expect(api.callsOf('listCommits')).toEqual([]);
});

it('asks the API for the repository and the first page again on r', async () => {
	const api = new FakeCommitsApi();
	const ink = await withFirstPage(api);
	await ink.waitFor('[main]');
	await ink.press('r');
	await ink.waitFor('Fix sprocket cache #0 on main');
	expect(api.callsOf('getRepository')).toHaveLength(1);
	expect(api.callsOf('listCommits').length).toBeGreaterThan(0);
});
