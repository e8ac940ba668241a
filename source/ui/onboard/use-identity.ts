/**
 * Writes the chosen bot email (and optional name) into the clone's local git config, then
 * remembers the repository, its folder and bot email, and the clone preferences for next
 * time. Settings are never fatal: a file that cannot be written becomes a warning.
 */
import {type Dispatch, useEffect} from 'react';
import {messageOf} from '../../core/output.js';
import {setLocalIdentity} from '../../git/identity.js';
import type {WizardServices} from './services.js';
import {failureOf, identityToSave, type WizardAction, type WizardState} from './wizard-state.js';

export function useIdentity(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	services: WizardServices,
): void {
	const identity = identityToSave(state);
	const email = identity?.email;
	const name = identity?.name;
	const dir = state.clone?.status === 'done' ? state.clone.value.dir : undefined;
	const {ref, choices} = state;

	useEffect(() => {
		if (email === undefined || dir === undefined || !ref) {
			return;
		}

		const save = async () => {
			await setLocalIdentity(dir, name === undefined ? {email} : {email, name});
			try {
				services.settings.remember({
					workspace: ref.workspace,
					repo: ref.repo,
					dir,
					botEmail: email,
				});
				services.settings.setPreferences({auth: choices?.auth, depth: choices?.depth});
				return undefined;
			} catch (error) {
				return messageOf(error);
			}
		};

		save().then(
			(warning) => dispatch({type: 'identitySaved', ...(warning ? {warning} : {})}),
			(error: unknown) => dispatch({type: 'identityFailed', failure: failureOf(error)}),
		);
	}, [email, name, dir, ref, choices, services, dispatch]);
}
