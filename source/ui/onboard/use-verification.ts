/**
 * Runs the use case's verify step while the verify screen waits for it, and reports the
 * answer to the wizard. Going back (Esc) or quitting aborts the requests in flight.
 */
import {type Dispatch, useEffect} from 'react';
import type {Services} from '../../services/services.js';
import {verifyStep} from '../../use-cases/onboard/steps.js';
import {failureOf, type WizardAction, type WizardState} from './wizard-state.js';

export function useVerification(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	services: Services,
): void {
	const running = state.verification?.status === 'running';
	const {ref, token} = state;
	useEffect(() => {
		if (!running || !ref || !token) {
			return;
		}

		const controller = new AbortController();
		const {signal} = controller;
		verifyStep(services, {ref, token, signal}).then(
			(result) => !signal.aborted && dispatch({type: 'verified', result}),
			(error: unknown) =>
				!signal.aborted && dispatch({type: 'verifyFailed', failure: failureOf(error)}),
		);
		return () => controller.abort();
	}, [running, ref, token, services, dispatch]);
}
