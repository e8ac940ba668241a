/**
 * Keys of a suggestion input: ↑/↓ move between the text input and the suggestions, Enter
 * on a highlighted suggestion submits it. Typing goes to @inkjs/ui's TextInput, which
 * ignores ↑/↓.
 */
import {useInput} from 'ink';
import type {SuggestionInputState} from './use-suggestion-input-state.js';

export type UseSuggestionInputProps = {
	readonly state: SuggestionInputState;
	readonly values: readonly string[];
	readonly onSubmit: (value: string) => void;
	/** @default false */
	readonly isDisabled?: boolean;
};

export function useSuggestionInput({
	state,
	values,
	onSubmit,
	isDisabled = false,
}: UseSuggestionInputProps): void {
	useInput(
		(_input, key) => {
			if (key.upArrow) {
				state.up();
			} else if (key.downArrow) {
				state.down();
			} else if (key.return) {
				const highlighted = state.currentHighlighted();
				const value = highlighted === undefined ? undefined : values[highlighted];
				if (value !== undefined) {
					onSubmit(value);
				}
			}
		},
		{isActive: !isDisabled},
	);
}
