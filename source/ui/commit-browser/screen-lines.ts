/**
 * The list screen's lines as styled spans, without React: the header, a commit row and the
 * footer's position text. Ink draws them (commit-list.tsx, bars.tsx) and so does the first
 * paint (first-paint.ts), which shows the first page before Ink has loaded; one composition
 * keeps the two alike.
 */
import {type BuildSummary, buildMark} from '../../commits/build-status.js';
import type {CommitEntry} from '../../commits/commit-entry.js';
import {type RefMark, refMarkText} from '../../commits/feed.js';
import {type FilterQuery, highlight} from '../../commits/filter.js';
import {shortAge, shortAgeWidth} from '../../commits/relative-date.js';
import {printable} from '../../core/terminal-text.js';
import {cutToWidth, padding, stringWidth} from '../../core/text-width.js';
import type {Line, Span} from '../components/styled-line.js';
import {type BrowserTheme, cursorMark} from './browser-theme.js';

/** The browser's height on a terminal of `rows` (one row short of it), or the one it was given. */
export function browserHeight(rows: number, given?: number): number {
	return Math.max(5, given ?? rows - 1);
}

/** Rows of commits: the height less the header, the footer and any filter or notice lines. */
export function listViewport(height: number, extraLines = 0): number {
	return Math.max(1, height - 2 - extraLines);
}

export type RowLayout = {width: number; authorWidth: number; showDate: boolean};

/** Author gets ~15% of the width; below 60 columns the date gives way to the subject. */
export function columnsFor(width: number): RowLayout {
	return {
		width,
		authorWidth: Math.max(8, Math.min(22, Math.floor(width * 0.15))),
		showDate: width >= 60,
	};
}

/** `text` in `color`, with the filter's matches marked. */
export function highlighted(
	text: string,
	query: FilterQuery | undefined,
	theme: BrowserTheme,
	color?: string,
): Span[] {
	if (query === undefined) {
		return [{text, color}];
	}

	return highlight(text, query).map((segment) =>
		segment.match
			? {text: segment.text, ...theme.match, color: theme.match.color ?? color}
			: {text: segment.text, color},
	);
}

export type RowInput = {
	readonly entry: CommitEntry;
	readonly selected: boolean;
	readonly query: FilterQuery | undefined;
	readonly refs: readonly RefMark[] | undefined;
	readonly build: BuildSummary | undefined;
	readonly currentBranch: string | undefined;
	readonly now: number;
	readonly layout: RowLayout;
	readonly theme: BrowserTheme;
};

/**
 * One commit: cursor, hash, build mark, age, the author cut to its column, ref marks and the
 * subject (cut at the screen's edge by whoever draws it). The cursor row is filled out to
 * the full width, so its colour spans the screen.
 */
export function rowLine(input: RowInput): Line {
	const {entry, query, layout, theme, selected} = input;
	const author = cutToWidth(printable(entry.author.name), layout.authorWidth);
	const marks = (input.refs ?? []).map((mark) => ({
		text: `${printable(refMarkText(mark))} `,
		color: markColor(mark, input.currentBranch, theme),
		bold: true,
	}));
	const lead = 2 + entry.shortHash.length + 3 + (layout.showDate ? shortAgeWidth + 2 : 0);
	const subjectWidth = layout.width - lead - layout.authorWidth - 2;
	const tail = `${marks.map((mark) => mark.text).join('')}${entry.subject}`;
	const spans: Span[] = [
		{text: `${selected ? cursorMark : ' '} `},
		...highlighted(entry.shortHash, query, theme, theme.hash),
		{text: ' '},
		{
			text: buildMark(input.build),
			color: input.build === undefined ? undefined : theme.build[input.build],
		},
		{text: ' '},
		...(layout.showDate
			? [{text: `${shortAge(entry.date, input.now).padEnd(shortAgeWidth)}  `, color: theme.date}]
			: []),
		...highlighted(author, query, theme, theme.author),
		{text: `${padding(author, layout.authorWidth)}  `},
		...marks,
		...highlighted(entry.subject, query, theme),
		...(selected ? [{text: padding(tail, subjectWidth)}] : []),
	];
	return {
		style: {
			bold: selected,
			inverse: selected && theme.selected.inverse,
			backgroundColor: selected ? theme.selected.backgroundColor : undefined,
		},
		spans,
	};
}

function markColor(mark: RefMark, currentBranch: string | undefined, theme: BrowserTheme) {
	if (mark.kind === 'tag') {
		return theme.tag;
	}

	return mark.name === currentBranch ? theme.currentRef : theme.ref;
}

/** `acme/widget  main` on the left, the key hint on the right, cut to fit `width`. */
export function headerLine(
	title: string,
	branch: string | undefined,
	width: number,
	hint: string,
	theme: BrowserTheme,
): Line {
	const room = Math.max(1, width - stringWidth(hint) - 2);
	const left = cutToWidth(
		branch === undefined ? printable(title) : `${printable(title)}  ${printable(branch)}`,
		room,
	);
	const titleText = left.slice(0, Math.min(left.length, printable(title).length));
	return {
		style: {},
		spans: [
			{text: titleText, bold: true},
			{text: left.slice(titleText.length, titleText.length + 2)},
			{text: left.slice(titleText.length + 2), color: theme.ref, bold: true},
			{text: `${padding(left, room)}  `},
			{text: hint, color: theme.muted},
		],
	};
}

const number = new Intl.NumberFormat('en-US');

export type PositionInput = {
	/** 1-based; 0 when the list is empty. */
	readonly position: number;
	readonly count: number;
	readonly loaded: number;
	readonly hasMore: boolean;
	readonly loading: 'first' | 'more' | 'all' | undefined;
	readonly filtered: boolean;
};

/** `12/300 · more below`, `3/12 matches in 300 loaded`, `loading all… 3,400 loaded`. */
export function positionText(input: PositionInput): string {
	const loaded = number.format(input.loaded);
	if (input.loading === 'first') {
		return 'loading commits…';
	}

	if (input.loading === 'all') {
		return `loading all… ${loaded} loaded`;
	}

	const where = input.filtered
		? `${number.format(input.position)}/${number.format(input.count)} matches in ${loaded} loaded`
		: `${number.format(input.position)}/${loaded}`;
	const more =
		input.loading === 'more'
			? 'loading more…'
			: input.hasMore
				? 'more on scroll · G all'
				: 'all loaded';
	return `${where} · ${more}`;
}

/** The number as the footer writes it: `3,400`. */
export function formatCount(value: number): string {
	return number.format(value);
}
