/**
 * Keys of the clone options form, as a table the wizard's hints list too: ↑/↓ (or
 * Tab/Shift+Tab) move between fields, ←/→ change a choice, Enter starts the clone. In the
 * text fields ←/→ move the cursor instead.
 */
import {type Key, useInput} from 'ink';
import {type FixedLabelTable, presses, runKey} from '../components/key-table.js';
import type {OptionsFormAction} from './use-options-form.js';

export type OptionsKeyContext = {
	readonly dispatch: (action: OptionsFormAction) => void;
	readonly onSubmit: () => void;
};

const previous = (_input: string, key: Key) => key.upArrow || (key.shift && key.tab);
const next = (_input: string, key: Key) => key.downArrow || (key.tab && !key.shift);

/** The reducer ignores ←/→ in the text fields, judging by the focus at that key, not at the last render. */
export const optionsKeys: FixedLabelTable<OptionsKeyContext> = [
	{
		key: 'Enter',
		label: 'clone',
		press: presses.enter,
		run: ({onSubmit}) => onSubmit(),
	},
	{
		key: '↑/↓',
		label: 'field',
		press: (input, key) => previous(input, key) || next(input, key),
		run: ({dispatch}, input, key) =>
			dispatch({type: 'focus', delta: previous(input, key) ? -1 : 1}),
	},
	{
		key: '←/→',
		label: 'change',
		press: presses.leftRight,
		run: ({dispatch}, _input, key) => dispatch({type: 'cycle', delta: key.leftArrow ? -1 : 1}),
	},
];

export function useOptionsKeys(context: OptionsKeyContext): void {
	useInput((input, key) => runKey(optionsKeys, context, input, key));
}
