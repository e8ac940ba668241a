/**
 * Runs the use case's configure step once the bot email (and optional name) is chosen:
 * the clone's commit identity, then what is remembered for next time.
 */
import {type Dispatch, useEffect} from 'react';
import type {Settings} from '../../settings/store.js';
import {configureStep} from '../../use-cases/onboard/steps.js';
import {failureOf, identityToSave, type WizardAction, type WizardState} from './wizard-state.js';

export function useIdentity(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	settings: Settings,
): void {
	const identity = identityToSave(state);
	const email = identity?.email;
	const name = identity?.name;
	const dir = state.clone?.status === 'done' ? state.clone.value.dir : undefined;
	const {ref, choices} = state;

	useEffect(() => {
		if (email === undefined || dir === undefined || !ref || !choices) {
			return;
		}

		configureStep(settings, {
			ref,
			clone: {dir},
			choices,
			identity: name === undefined ? {email} : {email, name},
		}).then(
			({warning}) => dispatch({type: 'identitySaved', ...(warning ? {warning} : {})}),
			(error: unknown) => dispatch({type: 'identityFailed', failure: failureOf(error)}),
		);
	}, [email, name, dir, ref, choices, settings, dispatch]);
}
