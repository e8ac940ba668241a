/**
 * The fix-remote screens' state: which step is shown and what the user has given so far.
 * A pure reducer: what a step needs from outside (a remembered email, the credentials found)
 * comes in the action, and the side effects live in use-fix-remote.ts.
 */
import type {ExitCode} from '../../core/errors.js';
import type {EmbeddedCredential} from '../../use-cases/fix-remote/credentials.js';
import type {BitbucketRemote} from '../../use-cases/fix-remote/remote-choice.js';
import type {ErrorPanelProps} from '../components/error-panel.js';

/** How the run ended, as its last frame tells it. */
export type Outcome = {
	readonly exitCode: ExitCode;
	readonly tone: 'success' | 'neutral' | 'error';
	/** What was done, before the headline: the change that was written. */
	readonly details: readonly string[];
	/** One line: what happened. */
	readonly headline: string;
	/** The next step after a failure. */
	readonly hint?: string;
	/** After the headline: what the result means. */
	readonly notes: readonly string[];
	/** Something that went wrong besides, e.g. settings not saved. */
	readonly warning?: string;
};

export type StepName =
	| 'remote'
	| 'token'
	| 'verifying'
	| 'email'
	| 'credentials'
	| 'preview'
	| 'applying'
	| 'finished';

export type FixRemoteState = {
	/** The highlighted row while several Bitbucket remotes are offered. */
	readonly remoteCursor: number;
	readonly chosen?: BitbucketRemote;
	readonly token?: string;
	/** The token came from BITBUCKET_ACCESS_TOKEN: a rejection cannot be fixed by typing again. */
	readonly tokenFromEnv: boolean;
	/** Why the last token was refused, shown with the next prompt. */
	readonly tokenFailure?: ErrorPanelProps;
	/** Tokens refused so far: a fresh (empty) prompt for each attempt. */
	readonly tokenAttempts: number;
	readonly canPush?: boolean;
	/** Undefined with `emailDecided` leaves user.email unchanged. */
	readonly botEmail?: string;
	readonly emailDecided: boolean;
	/** Other remotes' secrets: found, and (once decided) the ones to strip. */
	readonly others: readonly EmbeddedCredential[];
	readonly strip?: readonly EmbeddedCredential[];
	readonly confirmed: boolean;
	readonly outcome?: Outcome;
};

export type FixRemoteAction =
	| {readonly type: 'moveCursor'; readonly by: number; readonly count: number}
	| {
			readonly type: 'remote';
			readonly chosen: BitbucketRemote;
			readonly botEmail: string | undefined;
			readonly others: readonly EmbeddedCredential[];
			/** Undefined: the user is asked. */
			readonly strip: readonly EmbeddedCredential[] | undefined;
	  }
	| {readonly type: 'token'; readonly token: string}
	| {readonly type: 'verified'; readonly canPush: boolean}
	| {readonly type: 'tokenRefused'; readonly failure: ErrorPanelProps}
	| {readonly type: 'email'; readonly botEmail: string | undefined}
	| {readonly type: 'strip'; readonly strip: boolean}
	| {readonly type: 'confirm'}
	| {readonly type: 'finish'; readonly outcome: Outcome};

export function initialState(envToken: string | undefined): FixRemoteState {
	return {
		remoteCursor: 0,
		...(envToken === undefined ? {} : {token: envToken}),
		tokenFromEnv: envToken !== undefined,
		tokenAttempts: 0,
		emailDecided: false,
		others: [],
		confirmed: false,
	};
}

export function fixRemoteReducer(state: FixRemoteState, action: FixRemoteAction): FixRemoteState {
	switch (action.type) {
		case 'moveCursor': {
			const last = Math.max(0, action.count - 1);
			return {...state, remoteCursor: Math.min(last, Math.max(0, state.remoteCursor + action.by))};
		}

		case 'remote': {
			return {
				...state,
				chosen: action.chosen,
				botEmail: action.botEmail,
				emailDecided: action.botEmail !== undefined,
				others: action.others,
				...(action.strip === undefined ? {} : {strip: action.strip}),
			};
		}

		case 'token': {
			return {...state, token: action.token, tokenFailure: undefined};
		}

		case 'verified': {
			return {...state, canPush: action.canPush};
		}

		case 'tokenRefused': {
			return {
				...state,
				token: undefined,
				tokenFailure: action.failure,
				tokenAttempts: state.tokenAttempts + 1,
			};
		}

		case 'email': {
			return {...state, botEmail: action.botEmail, emailDecided: true};
		}

		case 'strip': {
			return {...state, strip: action.strip ? state.others : []};
		}

		case 'confirm': {
			return {...state, confirmed: true};
		}

		case 'finish': {
			return state.outcome ? state : {...state, outcome: action.outcome};
		}
	}
}

/** The step to show follows from what is known: the first missing piece is asked for. */
export function stepOf(state: FixRemoteState): StepName {
	if (state.outcome) {
		return 'finished';
	}

	if (!state.chosen) {
		return 'remote';
	}

	if (state.token === undefined) {
		return 'token';
	}

	if (state.canPush === undefined) {
		return 'verifying';
	}

	if (!state.emailDecided) {
		return 'email';
	}

	if (state.strip === undefined) {
		return 'credentials';
	}

	return state.confirmed ? 'applying' : 'preview';
}
