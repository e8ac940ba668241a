/**
 * The `/` filter: which loaded commits match what is typed, and where to highlight it.
 * Smart case, as in vim and fzf: all-lowercase text matches any case, a capital letter
 * makes the match exact. Refining a query (typing one more character) re-checks only the
 * previous matches plus commits loaded since, so a keystroke over 10,000 commits stays
 * well inside one frame.
 */
import type {CommitEntry} from './commit-entry.js';

export type FilterQuery = {readonly text: string; readonly caseSensitive: boolean};

export type FilterResult = {
	readonly query: FilterQuery;
	/** The entries array this result was computed over (refinement needs the same prefix). */
	readonly entries: readonly CommitEntry[];
	/** Indices into `entries`, in order. */
	readonly indices: readonly number[];
};

export type Segment = {readonly text: string; readonly match: boolean};

/** The query for typed `text`, or undefined when there is nothing to filter by. */
export function compileQuery(text: string): FilterQuery | undefined {
	return text === '' ? undefined : {text, caseSensitive: text !== text.toLowerCase()};
}

export function matchesQuery(entry: CommitEntry, query: FilterQuery): boolean {
	return query.caseSensitive
		? entry.hash.includes(query.text) ||
				entry.author.raw.includes(query.text) ||
				entry.message.includes(query.text)
		: entry.searchText.includes(query.text);
}

/** Matches of `query` in `entries`, reusing `previous` when it is a narrower search over the same list. */
export function filterEntries(
	entries: readonly CommitEntry[],
	query: FilterQuery,
	previous?: FilterResult,
): FilterResult {
	const reusable =
		previous !== undefined &&
		previous.query.caseSensitive === query.caseSensitive &&
		query.text.startsWith(previous.query.text) &&
		sharesPrefix(previous.entries, entries);
	const candidates = reusable ? previous.indices : undefined;
	const indices: number[] = [];
	if (candidates) {
		for (const index of candidates) {
			if (matchesQuery(entries[index]!, query)) {
				indices.push(index);
			}
		}
	}

	for (let index = candidates ? previous!.entries.length : 0; index < entries.length; index++) {
		if (matchesQuery(entries[index]!, query)) {
			indices.push(index);
		}
	}

	return {query, entries, indices};
}

/** `text` cut into matching and non-matching runs, for highlighting. */
export function highlight(text: string, query: FilterQuery | undefined): Segment[] {
	if (query === undefined || text === '') {
		return [{text, match: false}];
	}

	const haystack = query.caseSensitive ? text : text.toLowerCase();
	// toLowerCase can change the length of some characters (e.g. İ); highlighting is then skipped.
	if (haystack.length !== text.length) {
		return [{text, match: false}];
	}

	const segments: Segment[] = [];
	let from = 0;
	for (let at = haystack.indexOf(query.text); at !== -1; at = haystack.indexOf(query.text, from)) {
		if (at > from) {
			segments.push({text: text.slice(from, at), match: false});
		}

		segments.push({text: text.slice(at, at + query.text.length), match: true});
		from = at + query.text.length;
	}

	if (from < text.length || segments.length === 0) {
		segments.push({text: text.slice(from), match: false});
	}

	return segments;
}

/** True when `longer` starts with every element of `shorter` (pages are only ever appended). */
function sharesPrefix(shorter: readonly CommitEntry[], longer: readonly CommitEntry[]): boolean {
	if (shorter === longer) {
		return true;
	}

	return (
		shorter.length <= longer.length &&
		(shorter.length === 0 || shorter[shorter.length - 1] === longer[shorter.length - 1])
	);
}
