/**
 * useReducer whose latest state can be read synchronously. Keys that arrive in one chunk
 * (a fast typist, a terminal sending `↓ →` together, tmux send-keys) reach the same input
 * handler before React re-renders; a handler that reads `current()` sees the effect of the
 * keys before it instead of the state of the last render.
 */
import {useCallback, useRef, useState} from 'react';

export function useSyncReducer<State, Action>(
	reducer: (state: State, action: Action) => State,
	initial: () => State,
): readonly [State, (action: Action) => void, () => State] {
	const latest = useRef<State | undefined>(undefined);
	const [state, setState] = useState<State>(() => {
		latest.current = initial();
		return latest.current;
	});
	const dispatch = useCallback(
		(action: Action) => {
			latest.current = reducer(latest.current as State, action);
			setState(latest.current);
		},
		[reducer],
	);
	const current = useCallback(() => latest.current as State, []);
	return [state, dispatch, current] as const;
}
