/**
 * `--yes` in the interactive wizard: what is known needs no question. The token from
 * BITBUCKET_ACCESS_TOKEN is taken, and the bot email when the use case knows it
 * (knownBotEmail: the same rule as the headless run).
 */
import {type Dispatch, useEffect, useState} from 'react';
import type {Commit} from '../../bitbucket/types.js';
import type {Settings} from '../../settings/store.js';
import {knownBotEmail} from '../../use-cases/onboard/rules.js';
import type {WizardAction, WizardState} from './wizard-state.js';

/** With --yes, BITBUCKET_ACCESS_TOKEN is taken without asking (once: Esc can still go back to change it). */
export function useAcceptedToken(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	envToken: string | undefined,
): void {
	const offered = state.acceptDefaults && state.step === 'token' && envToken !== undefined;
	const [used, setUsed] = useState(false);
	useEffect(() => {
		if (offered && !used && envToken) {
			setUsed(true);
			dispatch({type: 'tokenEntered', token: envToken});
		}
	}, [offered, used, envToken, dispatch]);
}

/** With --yes the bot email needs no question when it is known. */
export function useAcceptedBotEmail(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	settings: Settings,
	commits: readonly Commit[],
): void {
	const waiting =
		state.acceptDefaults && state.step === 'bot' && state.botEmail === undefined && !state.identity;
	const {ref, defaults} = state;
	const accepted = ref ? knownBotEmail({defaults, settings, ref, commits}).known?.email : undefined;
	useEffect(() => {
		if (waiting && accepted) {
			dispatch({type: 'botEmailChosen', email: accepted});
		}
	}, [waiting, accepted, dispatch]);
}
