/** A unified diff of `.git/config`, removed lines red, added lines green (plain with NO_COLOR). */
import {Box, Text} from 'ink';
import {redact} from '../../bitbucket/token.js';
import type {DiffHunk} from '../../fix-remote/diff.js';

export type DiffViewProps = {
	readonly file: string;
	readonly hunks: readonly DiffHunk[];
};

const marks = {context: ' ', removed: '-', added: '+'} as const;
const colors = {context: undefined, removed: 'red', added: 'green'} as const;

export function DiffView({file, hunks}: DiffViewProps) {
	return (
		<Box flexDirection="column">
			<Text bold>--- {redact(file)}</Text>
			<Text bold>+++ {redact(file)} (proposed)</Text>
			{hunks.map((hunk, hunkIndex) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: hunks are fixed for one preview
				<Box key={hunkIndex} flexDirection="column">
					<Text color="cyan">{hunk.header}</Text>
					{hunk.lines.map((line, lineIndex) => (
						// biome-ignore lint/suspicious/noArrayIndexKey: lines are fixed for one preview
						<Text key={lineIndex} color={colors[line.kind]}>
							{marks[line.kind]}
							{line.text}
						</Text>
					))}
				</Box>
			))}
		</Box>
	);
}
