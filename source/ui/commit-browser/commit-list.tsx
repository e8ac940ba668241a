/**
 * The list of commits: only the rows in the viewport are rendered, each memoised, so moving
 * the cursor re-renders two rows whatever the number of commits loaded.
 */
import {Box} from 'ink';
import {memo, useMemo} from 'react';
import type {CommitEntry} from '../../commits/commit-entry.js';
import type {RefMark} from '../../commits/feed.js';
import type {FilterQuery} from '../../commits/filter.js';
import type {KnownStatuses} from '../../use-cases/commits/status-book.js';
import {StyledLine} from '../components/styled-line.js';
import {columnsFor, type RowInput, rowLine} from './screen-lines.js';
import {useBrowserTheme} from './theme.js';

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

type RowProps = Omit<RowInput, 'theme'>;

/** One text node per row (see rowLine): a tenth of the layout nodes of a box per column. */
const CommitRow = memo(function CommitRow(props: RowProps) {
	const theme = useBrowserTheme();
	return <StyledLine line={rowLine({...props, theme})} />;
});
