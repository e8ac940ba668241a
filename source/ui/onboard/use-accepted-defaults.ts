/**
 * `--yes` in the interactive wizard: what is known needs no question. The token from
 * BITBUCKET_ACCESS_TOKEN is taken, and the bot email when --bot-email, the settings or the
 * repository's recent commits name exactly one.
 */
import {type Dispatch, useEffect, useState} from 'react';
import type {Commit} from '../../bitbucket/types.js';
import {botEmailsFromCommits} from '../../onboard/bot-email.js';
import type {Settings} from '../../settings/store.js';
import type {Defaults, WizardAction, WizardState} from './wizard-state.js';

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

/**
 * With --yes the bot email needs no question when it is known: --bot-email, the one
 * remembered for the repository, or the only bot seen in its recent commits.
 */
export function useAcceptedBotEmail(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	options: {readonly settings: Settings; readonly defaults: Defaults},
	commits: readonly Commit[],
): void {
	const waiting =
		state.acceptDefaults && state.step === 'bot' && state.botEmail === undefined && !state.identity;
	const {ref} = state;
	const remembered = ref ? options.settings.botEmailFor(ref) : undefined;
	const found = botEmailsFromCommits(commits);
	const accepted =
		options.defaults.botEmail ?? remembered ?? (found.length === 1 ? found[0] : undefined);
	useEffect(() => {
		if (waiting && accepted) {
			dispatch({type: 'botEmailChosen', email: accepted});
		}
	}, [waiting, accepted, dispatch]);
}
