/**
 * Commit dates for people: a compact relative age for the list column ("3h ago", at most
 * eight characters so the column never jumps), a spelled-out one for the detail view, and
 * the absolute date exactly as the API recorded it (its own UTC offset, not the viewer's).
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
const week = 7 * day;
const month = 30 * day;
const year = 365 * day;

type Unit = {limit: number; size: number; short: string; long: string};

// Each unit is used below its limit; weeks stop at 8 so "9w" never competes with "2mo".
const units: readonly Unit[] = [
	{limit: hour, size: minute, short: 'm', long: 'minute'},
	{limit: day, size: hour, short: 'h', long: 'hour'},
	{limit: 2 * week, size: day, short: 'd', long: 'day'},
	{limit: 8 * week, size: week, short: 'w', long: 'week'},
	{limit: year, size: month, short: 'mo', long: 'month'},
	{limit: Number.POSITIVE_INFINITY, size: year, short: 'y', long: 'year'},
];

/** Width of the list's date column: the longest value is "11mo ago". */
export const shortAgeWidth = 8;

/** `just now`, `5m ago`, `3h ago`, `12d ago`, `6w ago`, `11mo ago`, `2y ago`; `in future` for clock skew. */
export function shortAge(date: Date | undefined, now: number): string {
	const elapsed = elapsedOf(date, now);
	if (elapsed === undefined) {
		return '';
	}

	if (elapsed < -minute) {
		return 'in future';
	}

	if (elapsed < minute) {
		return 'just now';
	}

	const unit = unitOf(elapsed);
	return `${Math.floor(elapsed / unit.size)}${unit.short} ago`;
}

/** `just now`, `1 minute ago`, `3 hours ago`, `2 years ago`. */
export function longAge(date: Date | undefined, now: number): string {
	const elapsed = elapsedOf(date, now);
	if (elapsed === undefined) {
		return '';
	}

	if (elapsed < -minute) {
		return 'in the future';
	}

	if (elapsed < minute) {
		return 'just now';
	}

	const unit = unitOf(elapsed);
	const count = Math.floor(elapsed / unit.size);
	return `${count} ${unit.long}${count === 1 ? '' : 's'} ago`;
}

const isoPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** `2024-03-05 13:22:10 +00:00`: the recorded wall time and offset, or the raw text if it is not ISO 8601. */
export function absoluteDate(iso: string | undefined): string {
	if (iso === undefined) {
		return '';
	}

	const match = isoPattern.exec(iso);
	if (!match) {
		return iso;
	}

	const [, datePart, timePart, zone = ''] = match;
	const offset =
		zone === 'Z' ? '+00:00' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
	return `${datePart} ${timePart} ${offset}`;
}

/** `2024-03-05`: the calendar day as recorded, for plain-text listings that must not depend on "now". */
export function calendarDay(iso: string | undefined): string {
	return iso === undefined ? '' : (isoPattern.exec(iso)?.[1] ?? iso.slice(0, 10));
}

function elapsedOf(date: Date | undefined, now: number): number | undefined {
	const time = date?.getTime();
	return time === undefined || Number.isNaN(time) ? undefined : now - time;
}

function unitOf(elapsed: number): Unit {
	return units.find((unit) => elapsed < unit.limit) ?? units[units.length - 1]!;
}
