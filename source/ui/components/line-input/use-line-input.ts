/**
 * Keys of a one-line text input: text is inserted at the cursor (a paste ending in a newline
 * is inserted, then submitted), ←/→/Home/End (Ctrl+A/Ctrl+E) move, Backspace deletes,
 * Ctrl+U clears, Enter submits. ↑/↓, Tab, Esc and Ctrl+C are left to the screen.
 */
import {useInput} from 'ink';
import type {LineInputState} from './use-line-input-state.js';

export type UseLineInputProps = {
	readonly state: LineInputState;
	/** Called with the value on Enter; the screen may handle Enter itself instead. */
	readonly onSubmit?: (value: string) => void;
	/** @default false */
	readonly isDisabled?: boolean;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is dropped
const controlCharacters = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function useLineInput({state, onSubmit, isDisabled = false}: UseLineInputProps): void {
	useInput(
		(input, key) => {
			const {dispatch} = state;
			if (key.return) {
				onSubmit?.(state.current());
			} else if (key.leftArrow) {
				dispatch({type: 'left'});
			} else if (key.rightArrow) {
				dispatch({type: 'right'});
			} else if (key.home || (key.ctrl && input === 'a')) {
				dispatch({type: 'home'});
			} else if (key.end || (key.ctrl && input === 'e')) {
				dispatch({type: 'end'});
			} else if (key.backspace || key.delete) {
				// Most terminals send DEL (read as `delete`) for Backspace.
				dispatch({type: 'deleteBack'});
			} else if (key.ctrl && input === 'u') {
				dispatch({type: 'clear'});
			} else if (
				!key.ctrl &&
				!key.meta &&
				!key.tab &&
				!key.upArrow &&
				!key.downArrow &&
				!key.pageUp &&
				!key.pageDown
			) {
				const [line = '', ...rest] = input.split(/\r\n|\r|\n/);
				const text = line.replace(controlCharacters, '');
				if (text !== '') {
					dispatch({type: 'insert', text});
				}

				if (rest.length > 0) {
					onSubmit?.(state.current());
				}
			}
		},
		{isActive: !isDisabled},
	);
}
