/** The change before it is made: URLs (redacted), the bot email, the diff, and a y/N question. */
import {Box, Text} from 'ink';
import type {AuthMode} from '../../commands/context.js';
import type {Proposal} from '../../fix-remote/plan.js';
import {proposalLines} from '../../fix-remote/report.js';
import {marks, usePalette} from '../components/theme.js';
import {DiffView} from './diff-view.js';

export type PreviewStepProps = {
	readonly proposal: Proposal;
	readonly auth: AuthMode;
	readonly configPath: string;
	readonly canPush: boolean;
	/** With --yes the change is applied without asking. */
	readonly autoConfirm: boolean;
};

export function PreviewStep({proposal, auth, configPath, canPush, autoConfirm}: PreviewStepProps) {
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
				<DiffView file={configPath} hunks={proposal.hunks} />
			)}
			{autoConfirm ? null : (
				<Text>
					<Text bold>{nothingToDo ? 'Done?' : 'Write this change?'}</Text> [y/N]
				</Text>
			)}
		</Box>
	);
}
