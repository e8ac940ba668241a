import {describe, expect, it} from 'vitest';
import {barOf, summarizeDiffstat, totalsLine} from '../../source/commits/diffstat.js';

describe('the diffstat', () => {
	it('lists each file with its status, path, counts and binary flag, and sums them', () => {
		const summary = summarizeDiffstat([
			{
				type: 'diffstat',
				status: 'modified',
				lines_added: 5,
				lines_removed: 2,
				old: {type: 'commit_file', path: 'a.ts'},
				new: {type: 'commit_file', path: 'a.ts'},
			},
			{
				type: 'diffstat',
				status: 'renamed',
				lines_added: 0,
				lines_removed: 1,
				old: {type: 'commit_file', path: 'old.md'},
				new: {type: 'commit_file', path: 'new.md'},
			},
			{
				type: 'diffstat',
				status: 'added',
				lines_added: 0,
				lines_removed: 0,
				old: null,
				new: {type: 'commit_file', path: 'logo.png', attributes: 'binary'},
			},
			{
				type: 'diffstat',
				status: 'removed',
				lines_added: 0,
				lines_removed: 9,
				old: {type: 'commit_file', path: 'gone.ts'},
				new: null,
			},
		]);
		expect(
			summary.rows.map((row) => [row.letter, row.path, row.added, row.removed, row.binary]),
		).toEqual([
			['M', 'a.ts', 5, 2, false],
			['R', 'old.md → new.md', 0, 1, false],
			['A', 'logo.png', 0, 0, true],
			['D', 'gone.ts', 0, 9, false],
		]);
		expect(totalsLine(summary)).toBe('4 files changed, 5 insertions(+), 12 deletions(−)');
		expect(totalsLine(summarizeDiffstat([]))).toBe('0 files changed');
	});

	it('scales bars to the largest change, keeping at least one mark per kind', () => {
		expect(barOf({added: 3, removed: 1}, 10, 20)).toEqual({plus: 3, minus: 1});
		expect(barOf({added: 500, removed: 500}, 1000, 20)).toEqual({plus: 10, minus: 10});
		expect(barOf({added: 1, removed: 1}, 1000, 20)).toEqual({plus: 1, minus: 1});
		expect(barOf({added: 0, removed: 0}, 1000, 20)).toEqual({plus: 0, minus: 0});
		const {plus, minus} = barOf({added: 990, removed: 10}, 1000, 20);
		expect(plus + minus).toBeLessThanOrEqual(20);
	});
});
