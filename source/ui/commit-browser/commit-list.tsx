/**
 * The list of commits: only the rows in the viewport are rendered, each memoised, so moving
 * the cursor re-renders two rows whatever the number of commits loaded.
 */
import {Box, Text} from 'ink';
import {memo, useMemo} from 'react';
import {type BuildSummary, buildMark} from '../../commits/build-status.js';
import type {CommitEntry} from '../../commits/commit-entry.js';
import {type RefMark, refMarkText} from '../../commits/feed.js';
import type {FilterQuery} from '../../commits/filter.js';
import {shortAge, shortAgeWidth} from '../../commits/relative-date.js';
import {printable} from '../../core/terminal-text.js';
import type {KnownStatuses} from '../../use-cases/commits/status-book.js';
import {cutToWidth, padding} from '../components/text-width.js';
import {Highlighted} from './highlighted.js';
import {type BrowserTheme, cursorMark, useBrowserTheme} from './theme.js';

export type CommitListProps = {
	readonly entries: readonly CommitEntry[];
	/** Indices into `entries` when filtered; all entries otherwise. */
	readonly visible: readonly number[] | undefined;
	readonly cursor: number;
	readonly offset: number;
	readonly height: number;
	readonly width: number;
	readonly query: FilterQuery | undefined;
	readonly refs: ReadonlyMap<string, readonly RefMark[]>;
	/** Build statuses known so far, by hash. */
	readonly builds: ReadonlyMap<string, KnownStatuses>;
	readonly currentBranch: string | undefined;
	readonly now: number;
};

export function CommitList(props: CommitListProps) {
	const {entries, visible, cursor, offset, height, width} = props;
	const count = visible?.length ?? entries.length;
	// One object per width: a new one each render would re-render every (memoised) row.
	const layout = useMemo(() => columnsFor(width), [width]);
	const rows = [];
	for (let row = offset; row < Math.min(count, offset + height); row++) {
		const entry = entries[visible ? visible[row]! : row];
		if (entry) {
			rows.push(
				<CommitRow
					// Keyed by place: paging and filtering then update rows in place instead of
					// replacing every Ink node (and its layout node) on the screen.
					key={row - offset}
					entry={entry}
					selected={row === cursor}
					query={props.query}
					refs={props.refs.get(entry.hash)}
					build={props.builds.get(entry.hash)?.summary}
					currentBranch={props.currentBranch}
					now={props.now}
					layout={layout}
				/>,
			);
		}
	}

	return (
		<Box flexDirection="column" height={height} width={width}>
			{rows}
		</Box>
	);
}

type Layout = {width: number; authorWidth: number; showDate: boolean};

/** Author gets ~15% of the width; below 60 columns the date gives way to the subject. */
export function columnsFor(width: number): Layout {
	return {
		width,
		authorWidth: Math.max(8, Math.min(22, Math.floor(width * 0.15))),
		showDate: width >= 60,
	};
}

type RowProps = {
	readonly entry: CommitEntry;
	readonly selected: boolean;
	readonly query: FilterQuery | undefined;
	readonly refs: readonly RefMark[] | undefined;
	readonly build: BuildSummary | undefined;
	readonly currentBranch: string | undefined;
	readonly now: number;
	readonly layout: Layout;
};

/**
 * One text node: the columns are fitted here (the author cut to its column, the cursor row
 * filled out so its colour spans the screen), and Ink cuts the subject at the edge.
 */
const CommitRow = memo(function CommitRow({
	entry,
	selected,
	query,
	refs,
	build,
	currentBranch,
	now,
	layout,
}: RowProps) {
	const theme = useBrowserTheme();
	const author = cutToWidth(printable(entry.author.name), layout.authorWidth);
	const marks = refs?.map((mark) => `${printable(refMarkText(mark))} `) ?? [];
	const lead = 2 + entry.shortHash.length + 3 + (layout.showDate ? shortAgeWidth + 2 : 0);
	const subjectWidth = layout.width - lead - layout.authorWidth - 2;
	return (
		<Text
			wrap="truncate-end"
			bold={selected}
			inverse={selected && theme.selected.inverse}
			backgroundColor={selected ? theme.selected.backgroundColor : undefined}
		>
			{selected ? cursorMark : ' '}{' '}
			<Highlighted text={entry.shortHash} query={query} color={theme.hash} />{' '}
			<Text color={build === undefined ? undefined : theme.build[build]}>{buildMark(build)}</Text>{' '}
			{layout.showDate ? (
				<Text color={theme.date}>{`${shortAge(entry.date, now).padEnd(shortAgeWidth)}  `}</Text>
			) : null}
			<Highlighted text={author} query={query} color={theme.author} />
			{`${padding(author, layout.authorWidth)}  `}
			{refs?.map((mark, index) => (
				<Text key={refMarkText(mark)} color={markColor(mark, currentBranch, theme)} bold>
					{marks[index]}
				</Text>
			))}
			<Highlighted text={entry.subject} query={query} />
			{selected ? padding(`${marks.join('')}${entry.subject}`, subjectWidth) : ''}
		</Text>
	);
});

function markColor(mark: RefMark, currentBranch: string | undefined, theme: BrowserTheme) {
	if (mark.kind === 'tag') {
		return theme.tag;
	}

	return mark.name === currentBranch ? theme.currentRef : theme.ref;
}
