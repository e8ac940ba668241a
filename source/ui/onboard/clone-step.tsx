/**
 * Step 5: the clone, with its progress: phase, bar, objects, bytes, elapsed time. On
 * failure or Ctrl+C the clone service removes what it created, and the screen says so.
 */

import path from 'node:path';
import {Box, Text} from 'ink';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {CloneProgress, CloneResult} from '../../git/clone.js';
import {ErrorPanel} from '../components/error-panel.js';
import {usePalette} from '../components/theme.js';
import {TransferProgress} from '../components/transfer-progress.js';
import type {CloneChoices, Task} from './wizard-state.js';

export type CloneStepProps = {
	readonly repoRef: RepoRef;
	readonly choices: CloneChoices;
	readonly cwd: string;
	readonly clone: Task<CloneResult>;
	readonly progress?: CloneProgress;
	/** The user quit (Ctrl+C): the clone is being stopped, and no navigation is offered. */
	readonly stopping: boolean;
	/** Columns for the progress bar. */
	readonly barWidth: number;
};

export function CloneStep({
	repoRef,
	choices,
	cwd,
	clone,
	progress,
	stopping,
	barWidth,
}: CloneStepProps) {
	const palette = usePalette();
	const target = displayPath(cwd, choices.dir);
	const what = [
		choices.branch ? `branch ${choices.branch}` : 'main branch',
		choices.depth === undefined
			? 'full history'
			: choices.depth === 1
				? 'last commit only'
				: `last ${choices.depth} commits`,
		`auth ${choices.auth}`,
	].join(', ');
	return (
		<Box flexDirection="column" gap={1}>
			<Text>
				Cloning <Text bold>{formatRepoRef(repoRef)}</Text> into <Text bold>{target}</Text>
				<Text color={palette.muted}> ({what})</Text>
			</Text>
			{clone.status === 'failed' ? (
				<Box flexDirection="column" gap={1}>
					<ErrorPanel message={clone.failure.message} hint={clone.failure.hint} />
					{stopping ? null : (
						<Text color={palette.muted}>
							Nothing of this attempt was left in {target}. Esc goes back to the options; q quits
							with exit code {clone.failure.exitCode}.
						</Text>
					)}
				</Box>
			) : (
				<Box flexDirection="column" gap={1}>
					<TransferProgress
						phase={progress?.phase ?? 'Connecting'}
						loaded={progress?.loaded ?? 0}
						total={progress?.total}
						bytes={progress?.bytes ?? 0}
						elapsedMs={progress?.elapsedMs ?? 0}
						barWidth={barWidth}
					/>
					{stopping ? (
						<Text color={palette.warning}>Stopping the clone and removing what it created…</Text>
					) : null}
				</Box>
			)}
		</Box>
	);
}

/** `./widget` for a folder under the working directory, the absolute path otherwise. */
export function displayPath(cwd: string, dir: string): string {
	const absolute = path.resolve(cwd, dir);
	const relative = path.relative(cwd, absolute);
	if (relative === '') {
		return '.';
	}

	return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : `./${relative}`;
}
