/**
 * An input for a secret that draws nothing of it: no characters, no mask, no length. It
 * shows only whether something was entered, so neither the screen nor the scrollback
 * ever holds a trace of the value. Paste works; Backspace clears.
 */
import {Text} from 'ink';
import {usePalette} from '../theme.js';
import {useSecretInput} from './use-secret-input.js';
import {useSecretInputState} from './use-secret-input-state.js';

export type SecretInputProps = {
	/** Shown while nothing is entered. */
	readonly placeholder?: string;
	/** Shown once something is entered. @default 'entered (hidden)' */
	readonly filledLabel?: string;
	/** When disabled, keys are ignored. @default false */
	readonly isDisabled?: boolean;
	/** Called with the value after each change, for checks that do not display it. */
	readonly onChange?: (value: string) => void;
	/** Called with the value on Enter (or at a newline in a paste). */
	readonly onSubmit?: (value: string) => void;
};

export function SecretInput({
	placeholder = '',
	filledLabel = 'entered (hidden)',
	isDisabled = false,
	onChange,
	onSubmit,
}: SecretInputProps) {
	const palette = usePalette();
	const state = useSecretInputState({onChange, onSubmit});
	useSecretInput({state, isDisabled});
	const cursor = isDisabled ? ' ' : '▌';
	return state.filled ? (
		<Text>
			<Text color={palette.success}>● </Text>
			{filledLabel}
		</Text>
	) : (
		<Text>
			<Text color={palette.accent}>{cursor}</Text>
			<Text color={palette.muted}>{placeholder}</Text>
		</Text>
	);
}
