/**
 * State of a text input with suggestions listed above it: which suggestion, if any, is
 * highlighted. `undefined` means the text input has the focus. Suggestion 0 is the best
 * one and sits just above the input, so ↑ reaches it first, as in a shell's history.
 */
import {useCallback, useEffect} from 'react';
import {useSyncReducer} from '../use-sync-reducer.js';

type State = {readonly highlighted: number | undefined; readonly count: number};

type Action = {type: 'up'} | {type: 'down'} | {type: 'count'; count: number};

function reducer(state: State, action: Action): State {
	switch (action.type) {
		case 'up': {
			if (state.count === 0) {
				return state;
			}

			const highlighted =
				state.highlighted === undefined ? 0 : Math.min(state.highlighted + 1, state.count - 1);
			return {...state, highlighted};
		}

		case 'down': {
			const highlighted =
				state.highlighted === undefined || state.highlighted === 0
					? undefined
					: state.highlighted - 1;
			return {...state, highlighted};
		}

		case 'count': {
			const inRange = state.highlighted !== undefined && state.highlighted < action.count;
			return {count: action.count, highlighted: inRange ? state.highlighted : undefined};
		}
	}
}

export type SuggestionInputState = {
	/** Index of the highlighted suggestion; undefined while the text input has the focus. */
	readonly highlighted: number | undefined;
	/** The highlighted suggestion including keys not yet rendered. */
	currentHighlighted(): number | undefined;
	up(): void;
	down(): void;
};

export function useSuggestionInputState(count: number): SuggestionInputState {
	const [state, dispatch, current] = useSyncReducer(reducer, () => ({
		highlighted: undefined,
		count,
	}));
	useEffect(() => {
		dispatch({type: 'count', count});
	}, [count, dispatch]);
	const up = useCallback(() => dispatch({type: 'up'}), [dispatch]);
	const down = useCallback(() => dispatch({type: 'down'}), [dispatch]);
	const currentHighlighted = useCallback(() => current().highlighted, [current]);
	return {highlighted: state.highlighted, currentHighlighted, up, down};
}
