/**
 * The footer that tells which keys do what on the current screen:
 * `Enter continue · Esc back · Ctrl+C quit`.
 */
import {Text} from 'ink';
import {Fragment} from 'react';
import {usePalette} from './theme.js';

export type KeyHint = {
	/** The key as printed, e.g. `↑/↓`, `Enter`. */
	readonly key: string;
	/** What it does, e.g. `pick`. */
	readonly label: string;
};

export type KeyHintsProps = {
	readonly hints: readonly KeyHint[];
};

export function KeyHints({hints}: KeyHintsProps) {
	const palette = usePalette();
	return (
		<Text wrap="truncate-end">
			{hints.map((hint, index) => (
				<Fragment key={hint.key}>
					{index > 0 ? <Text color={palette.muted}> · </Text> : null}
					<Text bold color={palette.key}>
						{hint.key}
					</Text>
					<Text color={palette.muted}> {hint.label}</Text>
				</Fragment>
			))}
		</Text>
	);
}
