/**
 * The fix-remote screens' key handler: the current step's row of fixRemoteKeys. The token
 * and email inputs handle their own keys.
 */
import {useInput} from 'ink';
import {rowsAfterMove, runKey} from '../components/key-table.js';
import {type FixRemoteKeyContext, fixRemoteKeys} from './fix-remote-keys.js';
import {stepOf} from './use-fix-remote-state.js';

export function useFixRemoteKeys(context: FixRemoteKeyContext): void {
	const {step} = context.flow;
	useInput(
		(input, key) => {
			const now = stepOf(context.flow.current());
			runKey(rowsAfterMove(fixRemoteKeys[now], now !== step), context, input, key);
		},
		{isActive: step !== 'finished'},
	);
}
