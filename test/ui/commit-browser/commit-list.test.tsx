import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';
import {toCommitEntry} from '../../../source/commits/commit-entry.js';
import {stringWidth} from '../../../source/core/text-width.js';
import {CommitList, type CommitListProps} from '../../../source/ui/commit-browser/commit-list.js';
import {UiTheme} from '../../../source/ui/components/theme.js';
import {renderInk} from '../../helpers/render.js';

const now = Date.parse('2024-04-22T15:00:00Z');

function entry(index: number, author: string, message: string) {
	return toCommitEntry({
		type: 'commit',
		hash: `${index}`.padStart(40, 'a'),
		date: '2024-04-22T12:00:00Z',
		message,
		author: {type: 'author', raw: `${author} <a${index}@example.com>`},
	});
}

const entries = [
	entry(1, 'Ada Lovelace', 'Short subject'),
	entry(
		2,
		'Bartholomew Featherstonehaugh-Smythe',
		'A subject long enough to run past the right edge of the terminal',
	),
	entry(3, '山田太郎さん山田太郎さん山田太郎さん', '全角の件名'),
];

function list(props: Partial<CommitListProps>, color: boolean) {
	return (
		<UiTheme color={color}>
			<CommitList
				entries={entries}
				visible={undefined}
				cursor={0}
				offset={0}
				height={3}
				width={100}
				query={undefined}
				refs={new Map([[entries[0]!.hash, [{kind: 'branch', name: 'main'}]]])}
				builds={new Map()}
				currentBranch="main"
				now={now}
				{...props}
			/>
		</UiTheme>
	);
}

describe('CommitList rows', () => {
	it('keeps the columns aligned: author cut to its column, the subject cut at the edge', async () => {
		const ink = await renderInk(list({}, false));
		const rows = stripAnsi(ink.lastFrame() ?? '').split('\n');
		expect(rows).toHaveLength(3);
		const subjectColumn = ['[main]', 'A subject', '全角'].map((start, index) =>
			stringWidth(rows[index]!.slice(0, rows[index]!.indexOf(start))),
		);
		expect(subjectColumn).toEqual([39, 39, 39]);
		expect(rows[0]).toMatch(/^› a{7} {3}3h ago {4}Ada Lovelace {5}\[main\] Short subject$/);
		expect(rows[1]).toMatch(/ Bartholomew Fe… {2}A subject long enough/);
		expect(stringWidth(rows[1]!)).toBe(100);
		expect(rows[1]!.endsWith('…')).toBe(true);
		expect(rows[2]).toContain(' 山田太郎さん山…  全角の件名');
	});

	it('draws the cursor row with the same columns as the others', async () => {
		const unselected = stripAnsi((await renderInk(list({cursor: 2}, true))).lastFrame() ?? '');
		const selected = stripAnsi((await renderInk(list({cursor: 1}, true))).lastFrame() ?? '');
		expect(selected.split('\n')[1]).toBe(`›${unselected.split('\n')[1]!.slice(1)}`);
	});
});
