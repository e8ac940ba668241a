/**
 * Keys of a one-line text input: text is inserted at the cursor (a paste ending in a newline
 * is inserted, then submitted; keys that arrive in one chunk are replayed in order),
 * ←/→/Home/End (Ctrl+A/Ctrl+E) move, Backspace deletes, Ctrl+U clears, Enter submits.
 * ↑/↓, Tab, Esc and Ctrl+C are left to the screen.
 */
import {useInput} from 'ink';
import {typedKeys} from '../typed-keys.js';
import type {LineInputState} from './use-line-input-state.js';

export type UseLineInputProps = {
	readonly state: LineInputState;
	/** Called with the value on Enter; the screen may handle Enter itself instead. */
	readonly onSubmit?: (value: string) => void;
	/** @default false */
	readonly isDisabled?: boolean;
};

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
				replay(state, input, onSubmit);
			}
		},
		{isActive: !isDisabled},
	);
}

/** Text and the keys typed with it, in order; a paste's first line, then Enter, ends it. */
function replay(
	state: LineInputState,
	chunk: string,
	onSubmit: ((value: string) => void) | undefined,
): void {
	for (const key of typedKeys(chunk)) {
		if (key.kind === 'return') {
			onSubmit?.(state.current());
			return;
		}

		state.dispatch(
			key.kind === 'text'
				? {type: 'insert', text: key.text}
				: {type: key.kind === 'backspace' ? 'deleteBack' : 'clear'},
		);
	}
}
