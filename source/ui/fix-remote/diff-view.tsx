/** A unified diff of `.git/config`: removed lines red, added lines green; the +/- marks carry it without colour. */
import {Box, Text} from 'ink';
import {redact} from '../../bitbucket/token.js';
import type {DiffHunk} from '../../fix-remote/diff.js';
import {type Palette, usePalette} from '../components/theme.js';

export type DiffViewProps = {
	readonly file: string;
	readonly hunks: readonly DiffHunk[];
};

const marks = {context: ' ', removed: '-', added: '+'} as const;

function colourOf(kind: DiffHunk['lines'][number]['kind'], palette: Palette): string | undefined {
	return kind === 'removed' ? palette.error : kind === 'added' ? palette.success : undefined;
}

export function DiffView({file, hunks}: DiffViewProps) {
	const palette = usePalette();
	return (
		<Box flexDirection="column">
			<Text bold>--- {redact(file)}</Text>
			<Text bold>+++ {redact(file)} (proposed)</Text>
			{hunks.map((hunk, hunkIndex) => (
				// biome-ignore lint/suspicious/noArrayIndexKey: hunks are fixed for one preview
				<Box key={hunkIndex} flexDirection="column">
					<Text color={palette.accent}>{hunk.header}</Text>
					{hunk.lines.map((line, lineIndex) => (
						// biome-ignore lint/suspicious/noArrayIndexKey: lines are fixed for one preview
						<Text key={lineIndex} color={colourOf(line.kind, palette)}>
							{marks[line.kind]}
							{line.text}
						</Text>
					))}
				</Box>
			))}
		</Box>
	);
}
