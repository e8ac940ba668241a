/** Asks which remote to fix when several name a Bitbucket repository and none is `origin`. */
import {Box, Text} from 'ink';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {redact} from '../../core/redaction.js';
import type {BitbucketRemote} from '../../use-cases/fix-remote/remote-choice.js';
import {marks, usePalette} from '../components/theme.js';

export type RemoteStepProps = {
	readonly candidates: readonly BitbucketRemote[];
	/** The highlighted row. */
	readonly cursor: number;
};

export function RemoteStep({candidates, cursor}: RemoteStepProps) {
	const palette = usePalette();
	const nameWidth = Math.max(...candidates.map((candidate) => candidate.remote.name.length));
	const refWidth = Math.max(...candidates.map((candidate) => formatRepoRef(candidate.ref).length));
	return (
		<Box flexDirection="column">
			<Text bold>Several remotes point at Bitbucket. Which one should use the token?</Text>
			{candidates.map((candidate, index) => {
				const here = index === cursor;
				return (
					<Text key={candidate.remote.name} wrap="truncate-end">
						<Text color={palette.accent}>{here ? `${marks.cursor} ` : '  '}</Text>
						<Text bold={here} color={here ? palette.accent : undefined}>
							{candidate.remote.name.padEnd(nameWidth)}
						</Text>
						{'  '}
						{formatRepoRef(candidate.ref).padEnd(refWidth)}
						{'  '}
						<Text color={palette.muted}>{redact(candidate.remote.url)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
