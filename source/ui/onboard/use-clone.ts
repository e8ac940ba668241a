/**
 * Runs the use case's clone step while the clone screen waits for it, feeding its progress
 * to the wizard. Quitting aborts it; the clone then removes what it created, and only when
 * it has settled does the wizard let the process exit.
 */
import {type Dispatch, useEffect, useRef} from 'react';
import type {ConfiguredHelper} from '../../git/credential-helper.js';
import type {Services} from '../../services/services.js';
import {cloneStep} from '../../use-cases/onboard/steps.js';
import {failureOf, type WizardAction, type WizardState} from './wizard-state.js';

export function useClone(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	services: Services,
	helper: ConfiguredHelper | undefined,
): void {
	const running = state.clone?.status === 'running';
	const quitting = state.quit !== undefined;
	const controller = useRef<AbortController | undefined>(undefined);
	const {ref, token, choices} = state;
	const advertisement =
		state.verification?.status === 'done' ? state.verification.value.advertisement : undefined;

	useEffect(() => {
		if (!running || !ref || !token || !choices) {
			return;
		}

		const current = new AbortController();
		controller.current = current;
		cloneStep(services, {
			ref,
			token,
			choices,
			helper,
			advertisement,
			onProgress: (progress) => dispatch({type: 'cloneProgress', progress}),
			signal: current.signal,
		}).then(
			(result) => dispatch({type: 'cloned', result}),
			// Reported even after an abort: the wizard waits for this to know the cleanup is done.
			(error: unknown) => dispatch({type: 'cloneFailed', failure: failureOf(error)}),
		);
		// The clone is not aborted when this effect re-runs: it reports its own end.
	}, [running, ref, token, choices, services, helper, advertisement, dispatch]);

	useEffect(() => {
		if (quitting) {
			controller.current?.abort();
		}
	}, [quitting]);

	useEffect(() => () => controller.current?.abort(), []);
}
