import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {toCommitEntry} from '../../source/commits/commit-entry.js';
import {compileQuery, filterEntries, highlight, matchesQuery} from '../../source/commits/filter.js';
import {fakeCommit} from './fake-api.js';

const entries = Array.from({length: 60}, (_, index) =>
	toCommitEntry(fakeCommit('main', index, 60)),
);

describe('the commit filter', () => {
	it('matches message, author and hash, ignoring case unless the query has a capital', () => {
		const first = entries[0]!;
		expect(matchesQuery(first, compileQuery('sprocket')!)).toBe(true);
		expect(matchesQuery(first, compileQuery('alice.martin@')!)).toBe(true);
		expect(matchesQuery(first, compileQuery(first.hash.slice(10, 20))!)).toBe(true);
		expect(matchesQuery(first, compileQuery('body of commit 0')!)).toBe(true);
		expect(matchesQuery(first, compileQuery('Body of commit 0')!)).toBe(true);
		expect(matchesQuery(first, compileQuery('BODY')!)).toBe(false);
		expect(compileQuery('')).toBeUndefined();
	});

	it('refining a query gives the same matches as filtering from scratch, as pages arrive', () => {
		fc.assert(
			fc.property(
				fc.string({unit: fc.constantFrom('#', '1', '2', 'o', 'f', 'i', 'x', 'A', 'a')}),
				fc.nat(60),
				(text, loaded) => {
					const query = compileQuery(text);
					fc.pre(query !== undefined && text.length > 1);
					const shorter = compileQuery(text.slice(0, -1))!;
					const previous = filterEntries(entries.slice(0, loaded), shorter);
					const refined = filterEntries(entries, query, previous);
					expect(refined.indices).toEqual(filterEntries(entries, query).indices);
				},
			),
		);
	});

	it('cuts text into matching and other runs for highlighting', () => {
		expect(highlight('Fix fix FIX', compileQuery('fix'))).toEqual([
			{text: 'Fix', match: true},
			{text: ' ', match: false},
			{text: 'fix', match: true},
			{text: ' ', match: false},
			{text: 'FIX', match: true},
		]);
		expect(highlight('Fix fix', compileQuery('Fix'))).toEqual([
			{text: 'Fix', match: true},
			{text: ' fix', match: false},
		]);
		expect(highlight('abc', undefined)).toEqual([{text: 'abc', match: false}]);
	});
});
