/**
 * Keys of a secret input: printable text is appended (a paste arrives as one chunk, and a
 * paste ending in a newline also submits; keys that arrive in one chunk are replayed in order),
 * Enter submits, Backspace or Ctrl+U clears.
 * Arrows, Tab and Escape are left to the screen.
 */
import {useInput} from 'ink';
import {typedKeys} from '../typed-keys.js';
import type {SecretInputState} from './use-secret-input-state.js';

export type UseSecretInputProps = {
	readonly state: SecretInputState;
	/** @default false */
	readonly isDisabled?: boolean;
};

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

			for (const typed of typedKeys(input)) {
				if (typed.kind === 'return') {
					state.submit();
					return;
				}

				if (typed.kind === 'text') {
					state.append(typed.text);
				} else {
					state.clear();
				}
			}
		},
		{isActive: !isDisabled},
	);
}
