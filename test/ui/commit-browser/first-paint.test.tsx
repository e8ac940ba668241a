/**
 * The first paint (drawn before Ink has loaded) shows what the browser's first frame then
 * shows, line for line, so Ink's frame replaces it without a visible change.
 */
import stripAnsi from 'strip-ansi';
import {describe, expect, it, vi} from 'vitest';
import {defaultPagelen} from '../../../source/commits/feed.js';
import {firstPaintLines} from '../../../source/ui/commit-browser/first-paint.js';
import {CommitBrowser} from '../../../source/ui/commit-browser/index.js';
import {UiTheme} from '../../../source/ui/components/theme.js';
import {FakeCommitsApi} from '../../commits/fake-api.js';
import {renderInk} from '../../helpers/render.js';

const ref = {workspace: 'acme', repo: 'widget'};
const now = Date.parse('2024-04-22T15:00:00Z');

async function bothAt(columns: number, rows: number, env: NodeJS.ProcessEnv = {}) {
	const page = await new FakeCommitsApi().listCommits(ref, {
		revision: 'main',
		pagelen: defaultPagelen,
	});
	// Branches and tags (the ref marks) come after the first frame, as they do after the paint.
	const api = new FakeCommitsApi({latencyMs: 10_000});
	const first = {revision: 'main', page};
	const painted = firstPaintLines({ref, first, columns, rows, env, now}).map((line) =>
		stripAnsi(line).trimEnd(),
	);
	const ink = await renderInk(
		<UiTheme color={!env.NO_COLOR}>
			<CommitBrowser
				client={api}
				repoRef={ref}
				height={rows - 1}
				now={() => now}
				onExit={vi.fn()}
				copy={() => {}}
				firstPage={first}
			/>
		</UiTheme>,
	);
	await ink.resize(columns, rows);
	const frame = ink
		.lastFrame()
		.split('\n')
		.map((line) => line.trimEnd());
	return {painted, frame};
}

describe('firstPaintLines', () => {
	it.each([
		[100, 13],
		[60, 10],
		[45, 8],
	])('draws at %i columns and %i rows what Ink first draws', async (columns, rows) => {
		const {painted, frame} = await bothAt(columns, rows);
		expect(painted).toHaveLength(rows - 1);
		expect(painted).toEqual(frame);
	});

	it('draws without colour under NO_COLOR, the cursor row still marked', async () => {
		const {painted, frame} = await bothAt(100, 13, {NO_COLOR: '1'});
		expect(painted).toEqual(frame);
		expect(painted[1]).toMatch(/^› /);
	});
});
