/**
 * The wizard's transitions: what each action does in each step, Esc going back included.
 * Pure, like the state it works on, so every path is tested without rendering.
 */
import {ExitCode} from '../../core/errors.js';
import {
	type CloneChoices,
	currentFailure,
	identityOf,
	proposedChoices,
	type WizardAction,
	type WizardState,
} from './wizard-state.js';

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	switch (action.type) {
		case 'repositoryChosen': {
			if (state.step !== 'repository') {
				return state;
			}

			return {...state, step: 'token', ref: action.ref, repoInput: action.input};
		}

		case 'tokenEntered': {
			if (state.step !== 'token') {
				return state;
			}

			return {
				...state,
				step: 'verify',
				token: action.token,
				verification: {status: 'running'},
				choices: undefined,
			};
		}

		case 'verified': {
			if (state.verification?.status !== 'running') {
				return state;
			}

			const verified: WizardState = {
				...state,
				verification: {status: 'done', value: action.result},
			};
			return state.acceptDefaults ? startClone(verified, proposedChoices(verified)) : verified;
		}

		case 'verifyFailed': {
			if (state.verification?.status !== 'running') {
				return state;
			}

			return {...state, verification: {status: 'failed', failure: action.failure}};
		}

		case 'continue': {
			if (state.step !== 'verify' || state.verification?.status !== 'done') {
				return state;
			}

			return {...state, step: 'options'};
		}

		case 'optionsChosen': {
			if (state.step !== 'options') {
				return state;
			}

			return startClone(state, action.choices);
		}

		case 'cloneProgress': {
			if (state.clone?.status !== 'running') {
				return state;
			}

			return {...state, progress: action.progress};
		}

		case 'cloned': {
			if (state.clone?.status !== 'running') {
				return state;
			}

			// Also after a late Ctrl+C: the clone is complete and stays, the wizard then ends.
			return {...state, step: 'bot', clone: {status: 'done', value: action.result}};
		}

		case 'cloneFailed': {
			if (state.clone?.status !== 'running') {
				return state;
			}

			return {...state, clone: {status: 'failed', failure: action.failure}};
		}

		case 'botEmailChosen': {
			if (state.step !== 'bot' || state.botEmail !== undefined) {
				return state;
			}

			const chosen = {...state, botEmail: action.email};
			return state.acceptDefaults ? saveIdentity(chosen, undefined) : chosen;
		}

		case 'identityChosen': {
			if (state.step !== 'bot' || state.botEmail === undefined || state.identity !== undefined) {
				return state;
			}

			return saveIdentity(state, action.name);
		}

		case 'identitySaved': {
			if (state.identity?.status !== 'running') {
				return state;
			}

			return {
				...state,
				step: 'done',
				identity: {
					status: 'done',
					value: {
						identity: identityOf(state.botEmail!, state.botName),
						...(action.warning ? {warning: action.warning} : {}),
					},
				},
			};
		}

		case 'identityFailed': {
			if (state.identity?.status !== 'running') {
				return state;
			}

			return {...state, identity: {status: 'failed', failure: action.failure}};
		}

		case 'back': {
			return back(state);
		}

		case 'quit': {
			if (state.quit !== undefined) {
				return state;
			}

			if (action.reason === 'interrupt') {
				return {...state, quit: ExitCode.interrupted};
			}

			const failure = currentFailure(state);
			return {
				...state,
				quit: failure?.exitCode ?? (state.step === 'done' ? ExitCode.ok : ExitCode.interrupted),
			};
		}
	}
}

/** Esc: one step back where that makes sense; a running clone or a finished one stays. */
function back(state: WizardState): WizardState {
	switch (state.step) {
		case 'token': {
			return state.skipRepository ? state : {...state, step: 'repository'};
		}

		case 'verify': {
			return {...state, step: 'token', token: undefined, verification: undefined};
		}

		case 'options': {
			return {...state, step: 'verify'};
		}

		case 'clone': {
			if (state.clone?.status !== 'failed') {
				return state;
			}

			return {...state, step: 'options', clone: undefined, progress: undefined};
		}

		case 'bot': {
			if (state.identity?.status === 'running') {
				return state;
			}

			// A failed write goes back to the name; the name goes back to the email.
			if (state.identity?.status === 'failed') {
				return {...state, identity: undefined};
			}

			return state.botEmail === undefined
				? state
				: {...state, botEmail: undefined, botEmailDraft: state.botEmail};
		}

		default: {
			return state;
		}
	}
}

function startClone(state: WizardState, choices: CloneChoices): WizardState {
	return {
		...state,
		step: 'clone',
		choices,
		clone: {status: 'running'},
		progress: undefined,
		botEmail: undefined,
		botEmailDraft: undefined,
		botName: undefined,
		identity: undefined,
	};
}

function saveIdentity(state: WizardState, name: string | undefined): WizardState {
	return {
		...state,
		identity: {status: 'running'},
		...(name ? {botName: name} : {botName: undefined}),
	};
}
