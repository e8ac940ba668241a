/** The change before it is made: URLs (redacted), the bot email, the diff, and a y/N confirmation. */
import {ConfirmInput} from '@inkjs/ui';
import {Box, Text} from 'ink';
import type {AuthMode} from '../../commands/context.js';
import type {Proposal} from '../../fix-remote/plan.js';
import {proposalLines} from '../../fix-remote/report.js';
import {DiffView} from './diff-view.js';

export type PreviewStepProps = {
	readonly proposal: Proposal;
	readonly auth: AuthMode;
	readonly configPath: string;
	readonly canPush: boolean;
	/** With --yes the change is applied without asking. */
	readonly autoConfirm: boolean;
	readonly onConfirm: () => void;
	readonly onCancel: () => void;
};

export function PreviewStep({
	proposal,
	auth,
	configPath,
	canPush,
	autoConfirm,
	onConfirm,
	onCancel,
}: PreviewStepProps) {
	const nothingToDo = proposal.hunks.length === 0;
	return (
		<Box flexDirection="column">
			<Text color="green">
				✔ Token verified: it can fetch
				{canPush ? ' and push' : '; pushes will be refused (no repository:write)'}.
			</Text>
			{proposalLines(proposal, auth).map((line, index) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: the lines are fixed for one proposal
				<Text key={index} color={line.includes('WARNING') ? 'yellow' : undefined}>
					{line}
				</Text>
			))}
			{nothingToDo ? (
				<Text>Nothing to change: .git/config already says this.</Text>
			) : (
				<DiffView file={configPath} hunks={proposal.hunks} />
			)}
			{autoConfirm ? null : (
				<Box gap={1}>
					<Text bold>{nothingToDo ? 'Done?' : 'Write this change?'}</Text>
					<ConfirmInput defaultChoice="cancel" onConfirm={onConfirm} onCancel={onCancel} />
				</Box>
			)}
		</Box>
	);
}
