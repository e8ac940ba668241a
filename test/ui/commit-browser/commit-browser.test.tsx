import {render as inkRender} from 'ink-testing-library';
import {act} from 'react';
import {describe, expect, it, vi} from 'vitest';
import {osc52Sequence} from '../../../source/commits/osc52.js';
import {AuthError, NetworkError, NotFoundError} from '../../../source/core/errors.js';
import {CommitBrowser, type CommitBrowserProps} from '../../../source/ui/commit-browser/index.js';
import {FakeCommitsApi, fakeHash} from '../../commits/fake-api.js';
import {keys, renderInk} from '../../helpers/render.js';

const ref = {workspace: 'acme', repo: 'widget'};
const now = () => Date.parse('2024-04-22T15:00:00Z');

function browser(api: FakeCommitsApi, props: Partial<CommitBrowserProps> = {}) {
	const onExit = vi.fn();
	const tree = (
		<CommitBrowser
			client={api}
			repoRef={ref}
			height={12}
			now={now}
			onExit={onExit}
			opener={async () => 'unavailable'}
			copy={() => {}}
			{...props}
		/>
	);
	return {tree, onExit};
}

/** The line with the cursor mark. */
function cursorLine(frame: string): string {
	return frame.split('\n').find((line) => line.startsWith('›')) ?? '';
}

describe('CommitBrowser', () => {
	it('shows the newest commits of the main branch with hash, age, author, subject and refs', async () => {
		const api = new FakeCommitsApi();
		const {tree} = browser(api);
		const ink = await renderInk(tree);
		const frame = await ink.waitFor('Fix sprocket cache #0');
		expect(frame).toContain('acme/widget  main');
		expect(cursorLine(frame)).toMatch(
			/^› [0-9a-f]{7} [ ·] 3h ago {4}Alice Martin +\[main\] Fix sprocket cache #0 on main/,
		);
		expect(frame).toContain('1/100 · more on scroll · G all');
		expect(frame.split('\n').find((line) => line.includes('#2 on main'))).toMatch(
			/<v1\.0> Document config loader #2 on main/,
		);
		expect(frame.split('\n')).toHaveLength(12);
		expect(api.callsOf('listCommits')).toEqual([
			{method: 'listCommits', revision: 'main', page: 1},
		]);
	});

	it('says it is loading, not "0/0", in every frame before the first page of a given branch', async () => {
		const api = new FakeCommitsApi({latencyMs: 50});
		const ink = await renderInk(browser(api, {branch: 'develop'}).tree);
		await ink.waitFor('#0 on develop');
		const before = ink.frames.slice(
			0,
			ink.frames.findIndex((frame) => frame.includes('#0 on develop')),
		);
		expect(before.length).toBeGreaterThan(0);
		for (const frame of before) {
			expect(frame).toContain('loading commits…');
			expect(frame).not.toContain('0/0');
		}
	});

	it('moves with ↓/↑, j/k, PgDn/PgUp and g', async () => {
		const ink = await renderInk(browser(new FakeCommitsApi()).tree);
		await ink.waitFor('#0 on main');
		await ink.press(keys.down, 'j');
		expect(cursorLine(ink.lastFrame())).toContain('#2 on main');
		await ink.press('k');
		expect(cursorLine(ink.lastFrame())).toContain('#1 on main');
		await ink.press(keys.pageDown);
		// 12 rows: header, footer and 10 commits; a page moves the cursor by 10.
		expect(cursorLine(ink.lastFrame())).toContain('#11 on main');
		expect(ink.lastFrame()).toContain('12/100');
		await ink.press(keys.pageUp);
		expect(cursorLine(ink.lastFrame())).toContain('#1 on main');
		await ink.press(keys.pageDown, keys.pageDown, 'g');
		expect(cursorLine(ink.lastFrame())).toContain('#0 on main');
	});

	it('handles keys that arrive in one chunk one by one', async () => {
		const ink = await renderInk(browser(new FakeCommitsApi()).tree);
		await ink.waitFor('#0 on main');
		await ink.paste('jjj\r');
		expect(ink.lastFrame()).toContain(`commit ${fakeHash('main', 3)}`);
	});

	it('asks for the next page before the cursor reaches the end of what is loaded', async () => {
		const api = new FakeCommitsApi();
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('#0 on main');
		expect(api.callsOf('nextPage')).toHaveLength(0);
		// The margin is max(50, 3 screens): the cursor at 50 of 100 loaded asks for page 2.
		for (let page = 0; page < 5; page++) {
			await ink.press(keys.pageDown);
		}

		expect(cursorLine(ink.lastFrame())).toContain('#50 on main');
		await ink.waitFor('51/200');
		expect(api.callsOf('nextPage')).toEqual([{method: 'nextPage', revision: 'main', page: 2}]);
	});

	it('G loads every page and stays on the last commit', async () => {
		const api = new FakeCommitsApi();
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('#0 on main');
		await ink.press('G');
		const frame = await ink.waitFor('250/250 · all loaded');
		expect(cursorLine(frame)).toContain('#249 on main');
		expect(api.callsOf('nextPage').map((call) => call.page)).toEqual([2, 3]);
	});

	it('filters by message, author or hash as you type, and Esc returns to the commit', async () => {
		const api = new FakeCommitsApi();
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('#0 on main');
		await ink.type('/#1');
		let frame = ink.lastFrame();
		// #1, #10-#19 among the 100 loaded.
		expect(frame).toContain('1/11 matches in 100 loaded');
		expect(frame).toContain('/#1');
		expect(cursorLine(frame)).toContain('#1 on main');
		await ink.type('9');
		frame = ink.lastFrame();
		expect(frame).toContain('1/1 matches');
		expect(cursorLine(frame)).toContain('#19 on main');
		await ink.press(keys.escape);
		frame = ink.lastFrame();
		expect(frame).not.toContain('matches');
		expect(cursorLine(frame)).toContain('#19 on main');
		expect(frame).toContain('20/100');

		await ink.type('/chen');
		expect(ink.lastFrame()).toContain('1/25 matches in 100 loaded');
		await ink.press(keys.escape);
		await ink.type(`/${fakeHash('main', 7).slice(0, 8)}`);
		expect(cursorLine(ink.lastFrame())).toContain('#7 on main');
		await ink.press(keys.enter, keys.down);
		expect(cursorLine(ink.lastFrame())).toContain('#7 on main');
	});

	it('switches branch from the picker', async () => {
		const api = new FakeCommitsApi();
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('#0 on main');
		await ink.press('b');
		let frame = await ink.waitFor('develop');
		expect(frame).toContain('* main');
		expect(frame).toContain('2 branches');
		await ink.type('dev');
		expect(ink.lastFrame()).toContain('1 branch');
		await ink.press(keys.enter);
		frame = await ink.waitFor('#0 on develop');
		expect(frame).toContain('acme/widget  develop');
		expect(frame).toContain('[develop]');
		expect(frame).toContain('1/40 · all loaded');
		expect(api.callsOf('listCommits').at(-1)).toEqual({
			method: 'listCommits',
			revision: 'develop',
			page: 1,
		});
	});

	it('shows a commit in full with its diffstat, and walks to its parent and back', async () => {
		const api = new FakeCommitsApi();
		const ink = await renderInk(browser(api, {height: 24}).tree);
		await ink.waitFor('#0 on main');
		await ink.press(keys.enter);
		const frame = await ink.waitFor('3 files changed');
		expect(frame).toContain(`commit ${fakeHash('main', 0)} [main]`);
		expect(frame).toContain('Author:  Alice Martin <alice.martin@acme.example>');
		expect(frame).toContain('Date:    2024-04-22 12:00:00 +00:00  (3 hours ago)');
		expect(frame).toContain(
			`Parent:  1 ${fakeHash('main', 1).slice(0, 10)} Add gear ratio check #1 on main`,
		);
		expect(frame).toContain('    Body of commit 0.');
		expect(frame).toMatch(/ M src\/gears\.ts +\| 16 \+{12}-{4}/);
		expect(frame).toMatch(/ A docs\/[0-9a-f]{7}\.md +\| {2}3 \+{3}/);
		expect(frame).toMatch(/ D assets\/old-logo\.png +\| bin/);
		expect(frame).toContain(' 3 files changed, 15 insertions(+), 4 deletions(−)');
		await ink.press('1');
		await ink.waitFor(`commit ${fakeHash('main', 1)}`);
		await ink.press(keys.escape);
		await ink.waitFor(`commit ${fakeHash('main', 0)}`);
		await ink.press(keys.escape);
		expect(cursorLine(ink.lastFrame())).toContain('#0 on main');
	});

	it('fetches a parent that is not loaded yet', async () => {
		const api = new FakeCommitsApi({branches: {main: 150}});
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('#0 on main');
		await ink.press('G');
		await ink.waitFor('150/150');
		await ink.press('g', keys.enter, '1');
		await ink.waitFor(`commit ${fakeHash('main', 1)}`);
		expect(api.callsOf('getCommit')).toHaveLength(0);
	});

	it('follows terminal resizes', async () => {
		const api = new FakeCommitsApi();
		let ink: ReturnType<typeof inkRender> | undefined;
		const {tree} = browser(api, {height: undefined});
		await act(async () => {
			ink = inkRender(tree);
		});
		const {stdout, lastFrame, unmount} = ink!;
		const resize = async (columns: number, rows: number) => {
			await act(async () => {
				Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
				Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
				stdout.emit('resize');
			});
		};

		await resize(100, 16);
		await vi.waitFor(() => expect(lastFrame()).toContain('#0 on main'));
		expect(lastFrame()!.split('\n')).toHaveLength(15);
		await resize(50, 8);
		const narrow = lastFrame()!;
		expect(narrow.split('\n')).toHaveLength(7);
		// Below 60 columns the date gives way to the subject.
		expect(narrow).not.toContain('3h ago');
		expect(Math.max(...narrow.split('\n').map((line) => line.length))).toBeLessThanOrEqual(50);
		await act(async () => unmount());
	});

	it('copies the full hash with OSC 52 and opens (or prints) the web page', async () => {
		const opener = vi.fn(async () => 'unavailable' as const);
		const api = new FakeCommitsApi();
		const {tree} = browser(api, {opener, copy: undefined, gitUrl: 'https://bitbucket.org'});
		const ink = await renderInk(tree);
		await ink.waitFor('#0 on main');
		await ink.press('y');
		const hash = fakeHash('main', 0);
		expect(ink.frames).toContain(osc52Sequence(hash));
		expect(ink.lastFrame()).toContain(`Copied ${hash} (OSC 52)`);
		await ink.press('j', 'o');
		const url = `https://bitbucket.org/acme/widget/commits/${fakeHash('main', 1)}`;
		expect(opener).toHaveBeenCalledWith(url);
		const frame = await ink.waitFor('No browser to open here. The commit:');
		// The URL wraps onto a line of its own, whole, ready to be selected.
		expect(frame.split('\n')).toContain(url);
	});

	it('shows key help and quits with q (0) or Ctrl+C (130)', async () => {
		const first = browser(new FakeCommitsApi());
		const ink = await renderInk(first.tree);
		await ink.waitFor('#0 on main');
		await ink.press('?');
		expect(ink.lastFrame()).toContain('filter by message, author or hash');
		await ink.press('x', 'q');
		expect(first.onExit).toHaveBeenCalledWith(0);

		const second = browser(new FakeCommitsApi());
		const other = await renderInk(second.tree);
		await other.waitFor('#0 on main');
		await other.press(keys.ctrlC);
		expect(second.onExit).toHaveBeenCalledWith(130);
	});

	it.each([
		[
			'a rejected token',
			new AuthError('Bitbucket rejected the token (401).', {
				reason: 'rejected',
				hint: 'Create a new access token.',
			}),
			3,
		],
		[
			'an unknown repository',
			new NotFoundError('Repository acme/widget not found, or this token cannot see it.'),
			4,
		],
		[
			'a network failure',
			new NetworkError('Cannot connect to api.bitbucket.org: connection refused.'),
			5,
		],
	])('shows %s in place and quits with its exit code', async (_what, error, code) => {
		const api = new FakeCommitsApi();
		api.failures.set('getRepository', error);
		const {tree, onExit} = browser(api);
		const ink = await renderInk(tree);
		const frame = await ink.waitFor(error.message);
		expect(frame).toContain(`r retry · q quit (exit code ${code})`);
		if (error.hint) {
			expect(frame).toContain(error.hint);
		}

		await ink.press('q');
		expect(onExit).toHaveBeenCalledWith(code);
	});

	it('retries with r after a failure, and keeps the list when a later page fails', async () => {
		const api = new FakeCommitsApi();
		api.failures.set(
			'listCommits',
			new NetworkError('The connection to api.bitbucket.org was cut.'),
		);
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('was cut');
		await ink.press('r');
		await ink.waitFor('#0 on main');

		api.failures.set(
			'nextPage',
			new NetworkError('api.bitbucket.org answered 503 after 4 attempts.'),
		);
		await ink.press('G');
		let frame = await ink.waitFor('Could not load more');
		expect(frame).toContain('503 after 4 attempts. · r retries');
		expect(frame).toContain('#99 on main');
		await ink.press('r', 'G');
		frame = await ink.waitFor('250/250 · all loaded');
		expect(frame).not.toContain('Could not load more');
	});

	it('warns when the rate limit is nearly used up', async () => {
		const api = new FakeCommitsApi();
		api.rateLimit = {limit: 1000, nearLimit: true};
		const ink = await renderInk(browser(api).tree);
		const frame = await ink.waitFor('#0 on main');
		expect(frame).toContain('⚠ API rate limit nearly used up');
	});
});
