/**
 * State of a secret input: the value typed or pasted so far, kept out of every render.
 * Editing is all-or-nothing (append, clear) because nothing is shown to edit by: a
 * mistyped secret is cleared and pasted again.
 */
import {useCallback, useEffect, useReducer, useRef} from 'react';

type Action = {type: 'append'; text: string} | {type: 'clear'};

function reducer(value: string, action: Action): string {
	return action.type === 'append' ? value + action.text : '';
}

export type SecretInputState = {
	/** True once something was entered; the only fact about the value a view may show. */
	readonly filled: boolean;
	append(text: string): void;
	clear(): void;
	/** Hands the value to onSubmit. */
	submit(): void;
};

export type UseSecretInputStateProps = {
	readonly onChange?: (value: string) => void;
	readonly onSubmit?: (value: string) => void;
};

export function useSecretInputState({
	onChange,
	onSubmit,
}: UseSecretInputStateProps): SecretInputState {
	const [value, dispatch] = useReducer(reducer, '');
	// The latest value for submit(): a paste ending in Enter appends and submits in one keypress.
	const latest = useRef(value);
	const changed = useRef(false);
	useEffect(() => {
		if (changed.current) {
			onChange?.(value);
		}

		changed.current = true;
	}, [value, onChange]);

	const append = useCallback((text: string) => {
		latest.current += text;
		dispatch({type: 'append', text});
	}, []);
	const clear = useCallback(() => {
		latest.current = '';
		dispatch({type: 'clear'});
	}, []);
	const submit = useCallback(() => {
		onSubmit?.(latest.current);
	}, [onSubmit]);
	return {filled: value.length > 0, append, clear, submit};
}
