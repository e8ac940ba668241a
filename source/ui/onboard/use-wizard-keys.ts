/** The wizard's key handler: the table of what is on screen (wizard-keys.ts). */
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {rowsAfterMove, runKey} from '../components/key-table.js';
import {wizardKeysFor} from './wizard-keys.js';
import type {WizardAction, WizardState} from './wizard-state.js';

export type UseWizardKeysProps = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	/** The state as of the last action, ahead of the last render. */
	readonly current: () => WizardState;
	/** False while another component (the commit browser) owns every key. @default true */
	readonly isActive?: boolean;
};

export function useWizardKeys({
	state,
	dispatch,
	current,
	isActive = true,
}: UseWizardKeysProps): void {
	useInput(
		(input, key) => {
			const now = current();
			runKey(
				rowsAfterMove(wizardKeysFor(now), now.step !== state.step),
				{state: now, dispatch},
				input,
				key,
			);
		},
		{isActive},
	);
}
