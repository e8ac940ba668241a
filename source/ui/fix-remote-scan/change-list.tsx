/**
 * The preview of fix-remote --scan: every change as a ticked row (Space unticks), a window of
 * rows that fits the screen around the cursor, the lines of .git/config the row under the
 * cursor removes and adds, and what is left alone.
 */
import {Box, Text} from 'ink';
import {shownPath} from '../../scan/scan-tree.js';
import type {ScanFixPlan} from '../../use-cases/fix-remote-scan/plan.js';
import {changeLines, changeTitle} from '../../use-cases/fix-remote-scan/report.js';
import {marks, usePalette} from '../components/theme.js';

export type ChangeListProps = {
	readonly plan: ScanFixPlan;
	readonly selected: ReadonlySet<string>;
	readonly cursor: number;
	/** Rows the list may take. */
	readonly height: number;
};

export function ChangeList({plan, selected, cursor, height}: ChangeListProps) {
	const palette = usePalette();
	const rows = Math.max(1, height);
	const first = Math.max(0, Math.min(cursor - Math.floor(rows / 2), plan.changes.length - rows));
	const shown = plan.changes.slice(first, first + rows);
	const current = plan.changes[cursor];
	return (
		<Box flexDirection="column">
			<Text bold>
				{selected.size} of {plan.changes.length} clones ticked to move onto the token
			</Text>
			{shown.map((change, index) => {
				const at = first + index === cursor;
				const ticked = selected.has(change.candidate.root);
				return (
					<Text
						key={change.candidate.root}
						wrap="truncate-end"
						{...(at ? {color: palette.accent} : {})}
					>
						{at ? marks.cursor : ' '} [{ticked ? 'x' : ' '}] {changeTitle(plan, change)}
					</Text>
				);
			})}
			{plan.changes.length > rows ? (
				<Text color={palette.muted}>
					{first + 1}–{first + shown.length} of {plan.changes.length}
				</Text>
			) : null}
			{current ? (
				<Box flexDirection="column" marginTop={1}>
					{changeLines(current).map((line) => (
						<Text
							key={line}
							wrap="truncate-end"
							{...(line.startsWith('-')
								? {color: palette.error}
								: line.startsWith('+')
									? {color: palette.success}
									: {color: palette.muted})}
						>
							{'  '}
							{line}
						</Text>
					))}
				</Box>
			) : null}
			{plan.left.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text>{plan.left.length} left byte-identical:</Text>
					{plan.left.slice(0, 3).map((item) => (
						<Text key={item.root} wrap="truncate-end" color={palette.muted}>
							{'  '}
							{shownPath(plan.scan, item.root)}: {item.reason}
						</Text>
					))}
					{plan.left.length > 3 ? (
						<Text color={palette.muted}> … and {plan.left.length - 3} more</Text>
					) : null}
				</Box>
			) : null}
			{plan.stoppedNearLimit ? (
				<Text color={palette.warning}>
					{marks.warning} Stopped checking: the token is near its hourly rate limit.
				</Text>
			) : null}
		</Box>
	);
}

/** Rows the list needs besides its own rows: title, position, diff, left-alone lines. */
export function listChrome(plan: ScanFixPlan, cursor: number): number {
	const current = plan.changes[cursor];
	const diff = current ? changeLines(current).length + 1 : 0;
	const left =
		plan.left.length === 0 ? 0 : 2 + Math.min(3, plan.left.length) + (plan.left.length > 3 ? 1 : 0);
	return 2 + diff + left + (plan.stoppedNearLimit ? 1 : 0);
}
