/**
 * Keys of the clone options form: ↑/↓ (or Tab/Shift+Tab) move between fields, ←/→ change
 * a choice, Enter starts the clone. In the text fields ←/→ move the cursor instead.
 */
import {useInput} from 'ink';
import type {OptionsFormAction} from './use-options-form.js';

export type UseOptionsKeysProps = {
	readonly dispatch: (action: OptionsFormAction) => void;
	readonly onSubmit: () => void;
};

/** The reducer ignores ←/→ in the text fields, judging by the focus at that key, not at the last render. */
export function useOptionsKeys({dispatch, onSubmit}: UseOptionsKeysProps): void {
	useInput((_input, key) => {
		if (key.upArrow || (key.shift && key.tab)) {
			dispatch({type: 'focus', delta: -1});
		} else if (key.downArrow || key.tab) {
			dispatch({type: 'focus', delta: 1});
		} else if (key.leftArrow || key.rightArrow) {
			dispatch({type: 'cycle', delta: key.leftArrow ? -1 : 1});
		} else if (key.return) {
			onSubmit();
		}
	});
}
