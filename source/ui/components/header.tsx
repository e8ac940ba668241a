/**
 * The first line of a screen: the app name, where the user is (`2/7 Token`) and what the
 * screen is about (a repository name), over a rule as wide as the terminal.
 */
import {Box, Text} from 'ink';
import {usePalette} from './theme.js';

export type HeaderProps = {
	/** @default 'bbtok-tui' */
	readonly app?: string;
	/** The step number, counted from 1; omitted for screens outside a sequence. */
	readonly step?: number;
	/** The number of steps; shown only together with `step`. */
	readonly total?: number;
	/** The screen's name, e.g. `Token`. */
	readonly title: string;
	/** Right-aligned context, e.g. `acme/widget`. */
	readonly detail?: string;
	/** Columns available. */
	readonly width: number;
};

export function Header({app = 'bbtok-tui', step, total, title, detail, width}: HeaderProps) {
	const palette = usePalette();
	const counter = step !== undefined && total !== undefined ? `${step}/${total} ` : '';
	return (
		<Box flexDirection="column" width={width}>
			<Box justifyContent="space-between">
				<Text>
					<Text bold>{app}</Text>
					<Text color={palette.muted}> · </Text>
					<Text bold color={palette.accent}>
						{counter}
						{title}
					</Text>
				</Text>
				{detail ? <Text color={palette.muted}>{detail}</Text> : null}
			</Box>
			<Text color={palette.muted}>{'─'.repeat(Math.max(0, width))}</Text>
		</Box>
	);
}
