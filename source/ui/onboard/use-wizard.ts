/**
 * The wizard's state hook: the reducer of wizard-state.ts, plus the one rule that involves
 * time: once the user has asked to quit, the wizard ends only when no clone is running, so
 * an interrupted clone has removed what it created before the process exits.
 */
import {useEffect} from 'react';
import type {ExitCode} from '../../core/errors.js';
import {useSyncReducer} from '../components/use-sync-reducer.js';
import {wizardReducer} from './wizard-reducer.js';
import {type InitialOptions, initialState} from './wizard-state.js';

export function useWizard(options: InitialOptions, onExit: (code: ExitCode) => void) {
	const [state, dispatch, current] = useSyncReducer(wizardReducer, () => initialState(options));
	const settled = state.clone?.status !== 'running' && state.identity?.status !== 'running';
	useEffect(() => {
		if (state.quit !== undefined && settled) {
			onExit(state.quit);
		}
	}, [state.quit, settled, onExit]);
	return [state, dispatch, current] as const;
}
