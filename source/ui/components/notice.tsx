/**
 * A one-paragraph remark that is not a failure: a warning before a risky choice, or
 * information such as the demo banner. The mark says which, colour only repeats it.
 */
import {Box, Text} from 'ink';
import {marks, usePalette} from './theme.js';

export type NoticeProps = {
	/** @default 'info' */
	readonly kind?: 'info' | 'warning' | 'success';
	readonly children: string;
};

export function Notice({kind = 'info', children}: NoticeProps) {
	const palette = usePalette();
	const mark =
		kind === 'warning' ? marks.warning : kind === 'success' ? marks.success : marks.bullet;
	const color =
		kind === 'warning' ? palette.warning : kind === 'success' ? palette.success : palette.accent;
	return (
		<Box>
			<Box marginRight={1} flexShrink={0}>
				<Text color={color}>{mark}</Text>
			</Box>
			<Text>{children}</Text>
		</Box>
	);
}
