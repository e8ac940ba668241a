/**
 * Keys of a suggestion input: ↑/↓ move between the text input and the suggestions; Enter
 * submits the highlighted suggestion, or the typed text when none is. Typing goes to the
 * line input, which leaves ↑/↓ and Enter to this hook.
 */
import {useInput} from 'ink';
import type {SuggestionInputState} from './use-suggestion-input-state.js';

export type UseSuggestionInputProps = {
	readonly state: SuggestionInputState;
	readonly values: readonly string[];
	/** The typed text, including keys not rendered yet. */
	readonly typed: () => string;
	readonly onSubmit: (value: string) => void;
	/** @default false */
	readonly isDisabled?: boolean;
};

export function useSuggestionInput({
	state,
	values,
	typed,
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
				onSubmit(highlighted === undefined ? typed() : (values[highlighted] ?? typed()));
			}
		},
		{isActive: !isDisabled},
	);
}
