/**
 * Keys of a secret input: printable text is appended (a paste arrives as one chunk, and a
 * paste ending in a newline also submits), Enter submits, Backspace or Ctrl+U clears.
 * Arrows, Tab and Escape are left to the screen.
 */
import {useInput} from 'ink';
import type {SecretInputState} from './use-secret-input-state.js';

export type UseSecretInputProps = {
	readonly state: SecretInputState;
	/** @default false */
	readonly isDisabled?: boolean;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is dropped
const controlCharacters = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function useSecretInput({state, isDisabled = false}: UseSecretInputProps): void {
	useInput(
		(input, key) => {
			if (key.return) {
				state.submit();
				return;
			}

			if (key.backspace || key.delete || (key.ctrl && input === 'u')) {
				state.clear();
				return;
			}

			if (
				key.ctrl ||
				key.meta ||
				key.tab ||
				key.upArrow ||
				key.downArrow ||
				key.leftArrow ||
				key.rightArrow ||
				key.pageUp ||
				key.pageDown
			) {
				return;
			}

			const [line = '', ...rest] = input.split(/\r\n|\r|\n/);
			const text = line.replace(controlCharacters, '');
			if (text !== '') {
				state.append(text);
			}

			if (rest.length > 0) {
				state.submit();
			}
		},
		{isActive: !isDisabled},
	);
}
