/**
 * The fix-remote screens' key handler: the current step's row of fixRemoteKeys. The token
 * and email inputs handle their own keys.
 */
import {useInput} from 'ink';
import {presses, runKey} from '../components/key-table.js';
import {type FixRemoteKeyContext, fixRemoteKeys} from './fix-remote-keys.js';
import {stepOf} from './use-fix-remote-state.js';

export function useFixRemoteKeys(context: FixRemoteKeyContext): void {
	const {step} = context.flow;
	useInput(
		(input, key) => {
			// A key that moved the run on belongs to the step it was typed in: the Enter that
			// submits the email must not also answer the preview that replaces it. Ctrl+C
			// belongs to every step.
			const now = stepOf(context.flow.current());
			const table =
				now === step
					? fixRemoteKeys[step]
					: fixRemoteKeys[step].filter((binding) => binding.press === presses.ctrlC);
			runKey(table, context, input, key);
		},
		{isActive: step !== 'finished'},
	);
}
