/**
 * Runs the access check while the verify step waits for it, and reports the answer to the
 * wizard. Going back (Esc) or quitting aborts the requests in flight. The service (and the
 * isomorphic-git probe behind it) is loaded only when needed, off the first frame's path.
 */
import {type Dispatch, useEffect} from 'react';
import type {WizardServices} from './services.js';
import type {ClientState} from './use-client.js';
import {failureOf, type WizardAction, type WizardState} from './wizard-state.js';

export function useVerification(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	services: WizardServices,
	{client, error}: ClientState,
): void {
	const running = state.verification?.status === 'running';
	const {ref, token} = state;
	useEffect(() => {
		if (running && error !== undefined) {
			dispatch({type: 'verifyFailed', failure: failureOf(error)});
		}
	}, [running, error, dispatch]);

	useEffect(() => {
		if (!running || !ref || !token || !client) {
			return;
		}

		const controller = new AbortController();
		const {signal} = controller;
		Promise.all([import('../../onboard/verify.js'), services.dispatcher()])
			.then(([{verifyAccess}, dispatcher]) =>
				verifyAccess({
					endpoints: services.endpoints,
					ref,
					token,
					client,
					dispatcher,
					signal,
				}),
			)
			.then(
				(result) => {
					if (!signal.aborted) {
						dispatch({type: 'verified', result});
					}
				},
				(error: unknown) => {
					if (!signal.aborted) {
						dispatch({type: 'verifyFailed', failure: failureOf(error)});
					}
				},
			);
		return () => controller.abort();
	}, [running, ref, token, client, services, dispatch]);
}
