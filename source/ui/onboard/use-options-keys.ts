/**
 * Keys of the clone options form: ↑/↓ (or Tab/Shift+Tab) move between fields, ←/→ change
 * a choice, Enter starts the clone. In the text fields ←/→ move @inkjs/ui's cursor instead.
 */
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import type {OptionsForm, OptionsFormAction} from './use-options-form.js';

export type UseOptionsKeysProps = {
	readonly form: OptionsForm;
	readonly dispatch: Dispatch<OptionsFormAction>;
	readonly onSubmit: () => void;
};

export function useOptionsKeys({form, dispatch, onSubmit}: UseOptionsKeysProps): void {
	const textField = form.focus === 'dir' || form.focus === 'depth';
	useInput((_input, key) => {
		if (key.upArrow || (key.shift && key.tab)) {
			dispatch({type: 'focus', delta: -1});
		} else if (key.downArrow || key.tab) {
			dispatch({type: 'focus', delta: 1});
		} else if (!textField && (key.leftArrow || key.rightArrow)) {
			dispatch({type: 'cycle', delta: key.leftArrow ? -1 : 1});
		} else if (key.return) {
			onSubmit();
		}
	});
}
