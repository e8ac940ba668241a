/**
 * The change before it is made: URLs (redacted), the bot email, the diff (a window of it when
 * the terminal is short), and a y/N question.
 */
import {Box, Text} from 'ink';
import type {AuthMode} from '../../core/context.js';
import type {Proposal} from '../../use-cases/fix-remote/plan.js';
import {proposalLines} from '../../use-cases/fix-remote/report.js';
import {rowsWhenWrapped} from '../components/format.js';
import {marks, usePalette} from '../components/theme.js';
import {type DiffRow, DiffView} from './diff-view.js';

export type PreviewStepProps = {
	readonly proposal: Proposal;
	readonly auth: AuthMode;
	/** The diff of .git/config, from diffRows. */
	readonly diff: readonly DiffRow[];
	/** Rows the diff may use. @default all it needs */
	readonly diffHeight?: number;
	readonly diffScroll?: number;
	readonly canPush: boolean;
	/** With --yes the change is applied without asking. */
	readonly autoConfirm: boolean;
};

export function PreviewStep(props: PreviewStepProps) {
	const {proposal, auth, diff, diffHeight, diffScroll, canPush, autoConfirm} = props;
	const palette = usePalette();
	const nothingToDo = proposal.hunks.length === 0;
	return (
		<Box flexDirection="column" gap={1}>
			<Box flexDirection="column">
				<Text color={canPush ? palette.success : palette.warning}>
					{canPush ? marks.success : marks.warning} Token verified: it can fetch
					{canPush ? ' and push' : '; pushes will be refused (no repository:write)'}.
				</Text>
				{proposalLines(proposal, auth).map((line, index) => (
					// biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed for one proposal
					<Text key={index} color={line.includes('WARNING') ? palette.warning : undefined}>
						{line}
					</Text>
				))}
			</Box>
			{nothingToDo ? (
				<Text>Nothing to change: .git/config already says this.</Text>
			) : (
				<DiffView
					rows={diff}
					{...(diffHeight === undefined ? {} : {height: diffHeight})}
					{...(diffScroll === undefined ? {} : {scroll: diffScroll})}
				/>
			)}
			{autoConfirm ? null : (
				<Text>
					<Text bold>{nothingToDo ? 'Done?' : 'Write this change?'}</Text> [y/N]
				</Text>
			)}
		</Box>
	);
}

/** Rows the preview takes besides the diff: the verdict, the proposal (wrapped at `width`), gaps, the question. */
export function previewRows(proposal: Proposal, auth: AuthMode, width: number): number {
	const lines = proposalLines(proposal, auth);
	return 1 + lines.reduce((total, line) => total + rowsWhenWrapped(line, width), 0) + 1 + 1 + 1;
}
