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
			// This handler is bound after the screen it belongs to has been drawn: a key typed
			// as soon as the next screen shows (`n` at the preview) reaches the previous step's
			// handler, and belongs to the step now shown. Only the Enter that submitted the email
			// or token input, and so moved the run on, is not handed on: it must not also answer
			// the screen that replaced it.
			const now = stepOf(context.flow.current());
			const table =
				now === step
					? fixRemoteKeys[step]
					: fixRemoteKeys[now].filter((binding) => binding.press !== presses.enter);
			runKey(table, context, input, key);
		},
		{isActive: step !== 'finished'},
	);
}
