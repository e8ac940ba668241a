/**
 * The detail view's content as styled lines, computed once per commit and width: header
 * fields, the message wrapped to the terminal, and the diffstat rows with their bars. The
 * view then shows whatever slice fits, so scrolling is a slice, not a re-layout.
 */
import type {CommitStatus, Diffstat} from '../../bitbucket/types.js';
import {buildMarks} from '../../commits/build-status.js';
import type {CommitEntry} from '../../commits/commit-entry.js';
import {barOf, summarizeDiffstat, totalsLine} from '../../commits/diffstat.js';
import {type RefMark, refMarkText} from '../../commits/feed.js';
import {absoluteDate, longAge} from '../../commits/relative-date.js';
import {printable} from '../../core/terminal-text.js';
import type {BrowserTheme} from './theme.js';

export type Span = {readonly text: string; readonly color?: string; readonly bold?: boolean};
export type Line = readonly Span[];

export type DetailInput = {
	entry: CommitEntry;
	refs: readonly RefMark[] | undefined;
	/** Subjects of parents already loaded, by hash. */
	parentSubject: (hash: string) => string | undefined;
	diffstat: readonly Diffstat[] | undefined;
	diffstatError: string | undefined;
	/** Undefined while not known. */
	statuses: readonly CommitStatus[] | undefined;
	width: number;
	now: number;
	theme: BrowserTheme;
};

const maxBarWidth = 24;

export function detailLines(input: DetailInput): Line[] {
	const {entry, width, theme} = input;
	const lines: Line[] = [];
	lines.push([
		{text: 'commit ', color: theme.hash},
		{text: entry.hash, color: theme.hash, bold: true},
		...(input.refs ?? []).map((mark) => ({
			text: ` ${printable(refMarkText(mark))}`,
			color: mark.kind === 'tag' ? theme.tag : theme.ref,
			bold: true,
		})),
	]);
	lines.push([
		{text: 'Author:  ', color: theme.muted},
		{text: printable(entry.author.raw || entry.author.name)},
	]);
	lines.push([
		{text: 'Date:    ', color: theme.muted},
		{text: absoluteDate(entry.isoDate)},
		{text: `  (${longAge(entry.date, input.now)})`, color: theme.muted},
	]);
	entry.parents.forEach((parent, index) => {
		const label =
			index === 0 ? (entry.parents.length > 1 ? 'Parents: ' : 'Parent:  ') : '         ';
		const subject = input.parentSubject(parent);
		lines.push([
			{text: label, color: theme.muted},
			{text: `${index + 1} `, color: theme.key, bold: true},
			{text: parent.slice(0, 10), color: theme.hash},
			...(subject ? [{text: ` ${subject}`}] : []),
		]);
	});
	lines.push([]);
	for (const line of entry.message.split('\n')) {
		for (const piece of wrap(printable(line), Math.max(10, width - 4))) {
			lines.push([{text: `    ${piece}`}]);
		}
	}

	lines.push([]);
	lines.push(...buildLines(input));
	lines.push(...diffstatLines(input));
	return lines;
}

/** Each build status: mark, state, name and key, description, and its URL on a line of its own. */
function buildLines({statuses, theme}: DetailInput): Line[] {
	if (statuses === undefined) {
		return [];
	}

	if (statuses.length === 0) {
		return [[{text: 'No builds.', color: theme.muted}], []];
	}

	const lines: Line[] = [[{text: 'Builds:', color: theme.muted}]];
	for (const status of statuses) {
		const name = printable(status.name ?? status.key);
		lines.push([
			{text: `  ${buildMarks[status.state] ?? '?'} `, color: theme.build[status.state], bold: true},
			{text: status.state.padEnd(11), color: theme.build[status.state]},
			{text: name, bold: true},
			...(name === printable(status.key)
				? []
				: [{text: ` (${printable(status.key)})`, color: theme.muted}]),
			...(status.description ? [{text: `  ${printable(status.description)}`}] : []),
		]);
		if (status.url) {
			lines.push([{text: `      ${printable(status.url)}`, color: theme.muted}]);
		}
	}

	lines.push([]);
	return lines;
}

function diffstatLines(input: DetailInput): Line[] {
	const {theme} = input;
	if (input.diffstatError !== undefined) {
		return [[{text: `Could not load the changes: ${input.diffstatError}`, color: theme.error}]];
	}

	if (input.diffstat === undefined) {
		return [[{text: 'loading changes…', color: theme.muted}]];
	}

	const summary = summarizeDiffstat(input.diffstat);
	if (summary.rows.length === 0) {
		return [[{text: 'No file changes.', color: theme.muted}]];
	}

	const largest = Math.max(...summary.rows.map((row) => row.added + row.removed));
	const countWidth = String(largest).length;
	const barWidth = Math.max(4, Math.min(maxBarWidth, Math.floor(input.width / 5)));
	const fixed = 3 + 3 + countWidth + 1 + barWidth;
	const pathWidth = Math.max(
		8,
		Math.min(Math.max(...summary.rows.map((row) => [...row.path].length)), input.width - fixed - 1),
	);
	const statusColor = {A: theme.added, D: theme.removed, R: theme.renamed, M: undefined} as const;
	const rows = summary.rows.map((row): Line => {
		const bar = barOf(row, largest, barWidth);
		const count = row.binary
			? 'bin'.padStart(countWidth)
			: String(row.added + row.removed).padStart(countWidth);
		return [
			{
				text: ` ${row.letter} `,
				color: statusColor[row.letter as keyof typeof statusColor],
				bold: true,
			},
			{text: fitLeft(printable(row.path), pathWidth)},
			{text: ` | ${count} `, color: theme.muted},
			{text: '+'.repeat(row.binary ? 0 : bar.plus), color: theme.added},
			{text: '-'.repeat(row.binary ? 0 : bar.minus), color: theme.removed},
		];
	});
	return [...rows, [{text: ` ${totalsLine(summary)}`, bold: true}]];
}

/** Word-wraps one line of text to `width` characters; words longer than a line are cut. */
export function wrap(text: string, width: number): string[] {
	const characters = [...text.trimEnd()];
	if (characters.length <= width) {
		return [characters.join('')];
	}

	const lines: string[] = [];
	let start = 0;
	while (characters.length - start > width) {
		let end = start + width;
		const space = characters.lastIndexOf(' ', end);
		if (space > start) {
			end = space;
		}

		lines.push(characters.slice(start, end).join('').trimEnd());
		start = characters[end] === ' ' ? end + 1 : end;
	}

	lines.push(characters.slice(start).join(''));
	return lines;
}

/** Pads `text` to `width`, or cuts it from the left so the file name stays visible. */
function fitLeft(text: string, width: number): string {
	const characters = [...text];
	return characters.length > width
		? `…${characters.slice(characters.length - width + 1).join('')}`
		: text + ' '.repeat(width - characters.length);
}
