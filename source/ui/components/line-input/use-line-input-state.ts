/**
 * State of a one-line text input: the value and the cursor. Kept in a synchronously
 * readable reducer because keys often arrive together (a paste followed by Enter, tmux
 * send-keys, a fast typist): Enter must submit the text typed just before it, even when
 * React has not re-rendered in between. @inkjs/ui's TextInput submits the value of the
 * last render there, and types a pasted newline into the value instead of submitting.
 */
import {useCallback, useRef} from 'react';
import {useSyncReducer} from '../use-sync-reducer.js';

export type LineInputValue = {readonly value: string; readonly cursor: number};

export type LineInputAction =
	| {type: 'insert'; text: string}
	| {type: 'deleteBack'}
	| {type: 'left'}
	| {type: 'right'}
	| {type: 'home'}
	| {type: 'end'}
	| {type: 'clear'};

export function lineInputReducer(state: LineInputValue, action: LineInputAction): LineInputValue {
	const {value, cursor} = state;
	switch (action.type) {
		case 'insert':
			return {
				value: value.slice(0, cursor) + action.text + value.slice(cursor),
				cursor: cursor + action.text.length,
			};
		case 'deleteBack':
			return cursor === 0
				? state
				: {value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1};
		case 'left':
			return {value, cursor: Math.max(0, cursor - 1)};
		case 'right':
			return {value, cursor: Math.min(value.length, cursor + 1)};
		case 'home':
			return {value, cursor: 0};
		case 'end':
			return {value, cursor: value.length};
		case 'clear':
			return {value: '', cursor: 0};
	}
}

export type LineInputState = LineInputValue & {
	dispatch(action: LineInputAction): void;
	/** The value including keys not rendered yet. */
	current(): string;
};

export type UseLineInputStateProps = {
	readonly defaultValue?: string;
	/** Called with the value at each change, as the key is handled. */
	readonly onChange?: (value: string) => void;
};

export function useLineInputState({
	defaultValue = '',
	onChange,
}: UseLineInputStateProps): LineInputState {
	const [state, apply, latest] = useSyncReducer(lineInputReducer, () => ({
		value: defaultValue,
		cursor: defaultValue.length,
	}));
	const onChangeRef = useRef(onChange);
	onChangeRef.current = onChange;
	const reported = useRef(defaultValue);
	// onChange runs with the key, not after the render: a form reading its own state on the
	// Enter that follows in the same chunk sees this change.
	const dispatch = useCallback(
		(action: LineInputAction) => {
			apply(action);
			const {value} = latest();
			if (value !== reported.current) {
				reported.current = value;
				onChangeRef.current?.(value);
			}
		},
		[apply, latest],
	);
	const current = useCallback(() => latest().value, [latest]);
	return {...state, dispatch, current};
}
