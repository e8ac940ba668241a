/**
 * Progress of a long transfer such as a clone: the phase, a bar when the phase has a known
 * total (a spinner otherwise), then counts, bytes and elapsed time on one line.
 */
import {ProgressBar, Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {formatBytes} from '../../use-cases/onboard/progress-lines.js';
import {formatElapsed, percentOf} from './format.js';
import {usePalette} from './theme.js';

export type TransferProgressProps = {
	/** What is happening, e.g. `Receiving objects`. */
	readonly phase: string;
	/** Items done in this phase. */
	readonly loaded: number;
	/** Items in this phase, when known. */
	readonly total?: number;
	/** Bytes received so far. */
	readonly bytes: number;
	readonly elapsedMs: number;
	/** Name of the counted items. @default 'objects' */
	readonly unit?: string;
	/** Columns for the bar. @default 40 */
	readonly barWidth?: number;
};

export function TransferProgress(props: TransferProgressProps) {
	const {phase, loaded, total, bytes, elapsedMs, unit = 'objects', barWidth = 40} = props;
	const palette = usePalette();
	const known = total !== undefined && total > 0;
	const percent = percentOf(loaded, total);
	const facts = [
		known ? `${loaded}/${total} ${unit}` : loaded > 0 ? `${loaded} ${unit}` : undefined,
		bytes > 0 ? formatBytes(bytes) : undefined,
		formatElapsed(elapsedMs),
	].filter((fact) => fact !== undefined);
	return (
		<Box flexDirection="column">
			{known ? (
				<Box gap={1}>
					<Text bold>{phase}</Text>
					<Box width={barWidth}>
						<ProgressBar value={percent} />
					</Box>
					<Text>{String(percent).padStart(3)}%</Text>
				</Box>
			) : (
				<Spinner label={phase} />
			)}
			<Text color={palette.muted}>{facts.join(' · ')}</Text>
		</Box>
	);
}
