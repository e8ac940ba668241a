/**
 * The fix-remote --scan screens' key handler: the current phase's row of scanFixKeys, read
 * at the moment of the key press. The token input handles its own keys.
 */
import {useInput} from 'ink';
import {runKey} from '../components/key-table.js';
import {type ScanFixKeyContext, scanFixKeys} from './scan-fix-keys.js';
import type {Phase} from './use-scan-fix-state.js';

export function useScanFixKeys(context: ScanFixKeyContext, phase: () => Phase): void {
	useInput((input, key) => {
		runKey(scanFixKeys[phase()], context, input, key);
	});
}
