/** Signals (SIGTERM, or SIGINT sent with kill rather than typed) end the wizard like Ctrl+C. */
import {type Dispatch, useEffect} from 'react';
import type {WizardAction} from './wizard-state.js';

/** A SIGTERM (or SIGINT sent as a signal rather than typed) stops the wizard like Ctrl+C. */
export function useInterruptSignal(
	signal: AbortSignal | undefined,
	dispatch: Dispatch<WizardAction>,
): void {
	useEffect(() => {
		if (!signal) {
			return;
		}

		const onAbort = () => dispatch({type: 'quit', reason: 'interrupt'});
		if (signal.aborted) {
			onAbort();
			return;
		}

		signal.addEventListener('abort', onAbort, {once: true});
		return () => signal.removeEventListener('abort', onAbort);
	}, [signal, dispatch]);
}
