/**
 * Build statuses in the browser: a mark per row that reads without colour, the failing count
 * in the footer, every status in the details with `o` opening the build, and the request
 * budget: only rows in view and a few ahead, after the first page, none near the limit.
 */
import {describe, expect, it, vi} from 'vitest';
import type {CommitStatus} from '../../../source/bitbucket/types.js';
import {CommitBrowser} from '../../../source/ui/commit-browser/index.js';
import {FakeCommitsApi, fakeHash} from '../../commits/fake-api.js';
import {keys, renderInk} from '../../helpers/render.js';

const ref = {workspace: 'acme', repo: 'widget'};
const now = () => Date.parse('2024-04-22T15:00:00Z');
const status = (
	key: string,
	state: CommitStatus['state'],
	extra: Partial<CommitStatus> = {},
): CommitStatus => ({
	type: 'build',
	key,
	state,
	...extra,
});

function withStatuses(): FakeCommitsApi {
	const api = new FakeCommitsApi();
	api.statuses.set(fakeHash('main', 0), [status('ci', 'SUCCESSFUL')]);
	api.statuses.set(fakeHash('main', 1), [
		status('lint', 'SUCCESSFUL', {name: 'Lint'}),
		status('ci', 'FAILED', {
			name: 'CI #41',
			description: '2 tests failed',
			url: 'https://ci.example/41',
		}),
	]);
	api.statuses.set(fakeHash('main', 2), [status('ci', 'INPROGRESS')]);
	api.statuses.set(fakeHash('main', 3), [status('ci', 'STOPPED')]);
	api.statuses.set(fakeHash('main', 5), [status('ci', 'FAILED')]);
	return api;
}

function browser(api: FakeCommitsApi, height = 12) {
	const onExit = vi.fn();
	const opener = vi.fn(async () => 'unavailable' as const);
	const tree = (
		<CommitBrowser
			client={api}
			repoRef={ref}
			height={height}
			now={now}
			onExit={onExit}
			opener={opener}
			copy={() => {}}
		/>
	);
	return {tree, onExit, opener};
}

const rowOf = (frame: string, index: number) =>
	frame.split('\n').find((line) => line.includes(`#${index} on main`)) ?? '';

describe('build statuses in the commit browser', () => {
	it('marks each row ✓ ✗ … ■ or · (no colour needed) and counts failing commits in the footer', async () => {
		const api = withStatuses();
		const ink = await renderInk(browser(api).tree);
		const frame = await ink.waitFor('2 failing');
		expect(rowOf(frame, 0)).toMatch(/^› [0-9a-f]{7} ✓ 3h ago/);
		expect(rowOf(frame, 1)).toMatch(/^ {2}[0-9a-f]{7} ✗ /);
		expect(rowOf(frame, 2)).toMatch(/^ {2}[0-9a-f]{7} … /);
		expect(rowOf(frame, 3)).toMatch(/^ {2}[0-9a-f]{7} ■ /);
		expect(rowOf(frame, 4)).toMatch(/^ {2}[0-9a-f]{7} · /);
		expect(frame).toContain('✗ 2 failing');
	});

	it('asks for statuses only after the first page is drawn, for the rows in view and ten ahead', async () => {
		const api = withStatuses();
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('2 failing');
		const firstPage = ink.frames.find((frame) => frame.includes('#0 on main')) ?? '';
		expect(rowOf(firstPage, 0)).toMatch(/^› [0-9a-f]{7} {3}3h ago/);
		const firstCall = api.calls.findIndex((call) => call.method === 'listCommitStatuses');
		expect(api.calls.findIndex((call) => call.method === 'listCommits')).toBeLessThan(firstCall);
		// 12 rows: header, 10 commits, footer; then 10 ahead.
		const asked = () => api.callsOf('listCommitStatuses').map((call) => call.hash);
		await vi.waitFor(() => expect(asked()).toHaveLength(20));
		expect(new Set(asked())).toEqual(
			new Set(Array.from({length: 20}, (_, index) => fakeHash('main', index))),
		);
		await ink.press(keys.pageDown);
		await vi.waitFor(() => expect(asked()).toHaveLength(30));
		await ink.press(keys.pageUp);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(asked()).toHaveLength(30);
	});

	it('lists every status in the details; o opens the failing build, O the commit', async () => {
		const api = withStatuses();
		const {tree, opener} = browser(api, 30);
		const ink = await renderInk(tree);
		await ink.waitFor('2 failing');
		await ink.press(keys.down, keys.enter);
		const frame = await ink.waitFor('Builds:');
		expect(frame).toMatch(/✓ SUCCESSFUL +Lint \(lint\)/);
		expect(frame).toMatch(/✗ FAILED +CI #41 \(ci\) {2}2 tests failed/);
		expect(frame).toContain('      https://ci.example/41');
		await ink.press('o');
		expect(opener).toHaveBeenLastCalledWith('https://ci.example/41');
		expect(await ink.waitFor('No browser to open here. The build:')).toContain(
			'https://ci.example/41',
		);
		await ink.press('O');
		expect(opener).toHaveBeenLastCalledWith(
			`https://bitbucket.org/acme/widget/commits/${fakeHash('main', 1)}`,
		);
		await ink.press(keys.escape, keys.down, keys.down, keys.down, keys.enter);
		expect(await ink.waitFor('No builds.')).toContain(`commit ${fakeHash('main', 4)}`);
	});

	it('r asks again for every status in view', async () => {
		const api = withStatuses();
		const ink = await renderInk(browser(api).tree);
		await ink.waitFor('2 failing');
		await vi.waitFor(() => expect(api.callsOf('listCommitStatuses')).toHaveLength(20));
		api.statuses.set(fakeHash('main', 1), [status('ci', 'SUCCESSFUL')]);
		await ink.press('r');
		await ink.waitFor('1 failing');
		await vi.waitFor(() => expect(api.callsOf('listCommitStatuses')).toHaveLength(40));
	});

	it('asks for no status, and says so, when Bitbucket says the rate limit is near', async () => {
		const api = withStatuses();
		api.rateLimit = {limit: 1000, nearLimit: true};
		const ink = await renderInk(browser(api).tree);
		const frame = await ink.waitFor('build statuses paused');
		expect(frame).toContain('⚠ API rate limit nearly used up: build statuses paused');
		expect(rowOf(frame, 0)).toMatch(/^› [0-9a-f]{7} {3}3h ago/);
		expect(api.callsOf('listCommitStatuses')).toHaveLength(0);
	});
});
