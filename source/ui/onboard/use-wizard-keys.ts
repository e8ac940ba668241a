/** The wizard's key handler: the table of what is on screen (wizard-keys.ts). */
import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {presses, runKey} from '../components/key-table.js';
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
			// This handler is bound after the frame it belongs to: a key typed as soon as a screen
			// shows (Enter on the verify result) reaches the handler of the frame before, and
			// belongs to what is shown now. Only the Enter that submitted a text input, and so
			// moved the wizard to another step, is not handed on: it must not also answer the
			// step that replaced it.
			const now = current();
			const table = wizardKeysFor(now);
			runKey(
				now.step === state.step
					? table
					: table.filter((binding) => binding.press !== presses.enter),
				{state: now, dispatch},
				input,
				key,
			);
		},
		{isActive},
	);
}
