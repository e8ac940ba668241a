/**
 * Keys that mean the same on every step: Ctrl+C quits (exit 130, after a running clone has
 * cleaned up), Esc goes back a step, q quits where nothing is being typed (a failure on
 * screen), Enter continues from the verified repository.
 */
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {currentFailure, type WizardAction, type WizardState} from './wizard-state.js';

export type UseWizardKeysProps = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	/** False while another component (the commit browser) owns every key. @default true */
	readonly isActive?: boolean;
};

export function useWizardKeys({state, dispatch, isActive = true}: UseWizardKeysProps): void {
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				dispatch({type: 'quit', reason: 'interrupt'});
			} else if (key.escape) {
				dispatch({type: 'back'});
			} else if (input === 'q' && acceptsQuitKey(state)) {
				dispatch({type: 'quit', reason: 'request'});
			} else if (key.return && state.step === 'verify') {
				dispatch({type: 'continue'});
			}
		},
		{isActive},
	);
}

/** Screens without a text input: a failure, or the verified repository. */
export function acceptsQuitKey(state: WizardState): boolean {
	return currentFailure(state) !== undefined || state.step === 'verify';
}
