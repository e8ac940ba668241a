/** The wizard's key handler: the table of what is on screen (wizard-keys.ts). */
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {runKey} from '../components/key-table.js';
import {wizardKeysFor} from './wizard-keys.js';
import type {WizardAction, WizardState} from './wizard-state.js';

export type UseWizardKeysProps = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	/** False while another component (the commit browser) owns every key. @default true */
	readonly isActive?: boolean;
};

export function useWizardKeys({state, dispatch, isActive = true}: UseWizardKeysProps): void {
	useInput((input, key) => runKey(wizardKeysFor(state), {state, dispatch}, input, key), {
		isActive,
	});
}
