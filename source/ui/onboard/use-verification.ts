/**
 * Runs the access check while the verify step waits for it, and reports the answer to the
 * wizard. Going back (Esc) or quitting aborts the requests in flight. The service (and the
 * isomorphic-git probe behind it) is loaded only when needed, off the first frame's path.
 */
import {type Dispatch, useEffect} from 'react';
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {WizardServices} from './services.js';
import {failureOf, type WizardAction, type WizardState} from './wizard-state.js';

export function useVerification(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	services: WizardServices,
	client: BitbucketClient | undefined,
): void {
	const running = state.verification?.status === 'running';
	const {ref, token} = state;
	useEffect(() => {
		if (!running || !ref || !token || !client) {
			return;
		}

		const controller = new AbortController();
		const {signal} = controller;
		import('../../onboard/verify.js')
			.then(({verifyAccess}) =>
				verifyAccess({
					endpoints: services.endpoints,
					ref,
					token,
					client,
					dispatcher: services.dispatcher,
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
