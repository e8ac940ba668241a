import {describe, expect, it} from 'vitest';
import {
	absoluteDate,
	calendarDay,
	longAge,
	shortAge,
	shortAgeWidth,
} from '../../source/commits/relative-date.js';

const now = Date.parse('2024-06-01T12:00:00Z');
const ago = (ms: number) => new Date(now - ms);
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('relative dates', () => {
	it.each([
		[30_000, 'just now', 'just now'],
		[minute, '1m ago', '1 minute ago'],
		[59 * minute, '59m ago', '59 minutes ago'],
		[3 * hour, '3h ago', '3 hours ago'],
		[13 * day, '13d ago', '13 days ago'],
		[15 * day, '2w ago', '2 weeks ago'],
		[70 * day, '2mo ago', '2 months ago'],
		[364 * day, '12mo ago', '12 months ago'],
		[800 * day, '2y ago', '2 years ago'],
	])('%d ms ago is %s / %s', (elapsed, short, long) => {
		expect(shortAge(ago(elapsed), now)).toBe(short);
		expect(longAge(ago(elapsed), now)).toBe(long);
		expect(short.length).toBeLessThanOrEqual(shortAgeWidth);
	});

	it('says so for dates in the future and stays empty without a date', () => {
		expect(shortAge(ago(-2 * hour), now)).toBe('in future');
		expect(longAge(ago(-2 * hour), now)).toBe('in the future');
		expect(shortAge(undefined, now)).toBe('');
		expect(shortAge(new Date('not a date'), now)).toBe('');
	});

	it('shows the recorded wall time and offset, not the viewer’s', () => {
		expect(absoluteDate('2024-04-22T08:32:12+08:00')).toBe('2024-04-22 08:32:12 +08:00');
		expect(absoluteDate('2024-04-22T08:32:12Z')).toBe('2024-04-22 08:32:12 +00:00');
		expect(absoluteDate('2024-04-22T08:32:12.123-0500')).toBe('2024-04-22 08:32:12 -05:00');
		expect(absoluteDate('yesterday')).toBe('yesterday');
		expect(calendarDay('2024-04-21T23:30:00-05:00')).toBe('2024-04-21');
	});
});
