/**
 * The onboarding wizard as a state machine: which step is on screen, what the user chose so
 * far, and what the services answered. Pure (no I/O, no React) so every transition, Esc
 * going back included, is tested without rendering. Services run in hooks that watch this
 * state and report back with actions.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {type ExitCode, exitCodeOf} from '../../core/errors.js';
import {describeError} from '../../core/output.js';
import type {CloneProgress, CloneResult} from '../../git/clone.js';
import {
	type CloneChoices,
	cloneChoicesOf,
	type Defaults,
	type Identity,
	wizardOrder,
} from '../../use-cases/onboard/rules.js';
import type {Verified} from '../../use-cases/verify.js';

export type {CloneChoices, Defaults, Identity} from '../../use-cases/onboard/rules.js';

export const steps = wizardOrder;

export type Step = (typeof steps)[number];

export const stepTitles: Readonly<Record<Step, string>> = {
	repository: 'Repository',
	token: 'Token',
	verify: 'Verify',
	options: 'Clone options',
	clone: 'Clone',
	bot: 'Bot email',
	done: 'Done',
};

/** A failure as screens show it: redacted, one line, with the next step and the exit code. */
export type Failure = {
	readonly message: string;
	readonly hint?: string;
	readonly exitCode: ExitCode;
};

export function failureOf(error: unknown): Failure {
	return {...describeError(error), exitCode: exitCodeOf(error)};
}

/** Work done by a service on behalf of a step. */
export type Task<T> =
	| {readonly status: 'running'}
	| {readonly status: 'done'; readonly value: T}
	| {readonly status: 'failed'; readonly failure: Failure};

export type WizardState = {
	readonly step: Step;
	/** A REPO argument was given: the repository step is never shown. */
	readonly skipRepository: boolean;
	/** `--yes`: defaults are accepted without asking. */
	readonly acceptDefaults: boolean;
	readonly defaults: Defaults;
	/** The repository text as last typed, restored when the user comes back. */
	readonly repoInput: string;
	readonly ref?: RepoRef;
	/** Held for the services; never rendered. */
	readonly token?: string;
	readonly verification?: Task<Verified>;
	/** The latest choices, also what the options form shows when the user comes back. */
	readonly choices?: CloneChoices;
	readonly clone?: Task<CloneResult>;
	readonly progress?: CloneProgress;
	/** The bot email chosen; the optional name is asked next. */
	readonly botEmail?: string;
	/** The email chosen before Esc from the name: what the email field shows again. */
	readonly botEmailDraft?: string;
	/** The optional user.name, once chosen. */
	readonly botName?: string;
	/** Writing the identity and remembering the repository; `warning` when settings could not be saved. */
	readonly identity?: Task<{identity: Identity; warning?: string}>;
	/** Set when the user asked to quit; the wizard ends once no clone is running. */
	readonly quit?: ExitCode;
};

export type WizardAction =
	| {type: 'repositoryChosen'; ref: RepoRef; input: string}
	| {type: 'tokenEntered'; token: string}
	| {type: 'verified'; result: Verified}
	| {type: 'verifyFailed'; failure: Failure}
	| {type: 'continue'}
	| {type: 'optionsChosen'; choices: CloneChoices}
	| {type: 'cloneProgress'; progress: CloneProgress}
	| {type: 'cloned'; result: CloneResult}
	| {type: 'cloneFailed'; failure: Failure}
	| {type: 'botEmailChosen'; email: string}
	| {type: 'identityChosen'; name?: string}
	| {type: 'identitySaved'; warning?: string}
	| {type: 'identityFailed'; failure: Failure}
	| {type: 'back'}
	/** `interrupt` is Ctrl+C (exit 130); `request` is q on a screen that offers it. */
	| {type: 'quit'; reason: 'interrupt' | 'request'};

export type InitialOptions = {
	readonly ref?: RepoRef;
	readonly acceptDefaults?: boolean;
	readonly defaults: Defaults;
};

export function initialState({ref, acceptDefaults = false, defaults}: InitialOptions): WizardState {
	return {
		step: ref ? 'token' : 'repository',
		skipRepository: ref !== undefined,
		acceptDefaults,
		defaults,
		repoInput: '',
		...(ref ? {ref} : {}),
	};
}

/** The step's position, counted from 1, for `2/7 Token`. */
export function stepNumber(step: Step): number {
	return steps.indexOf(step) + 1;
}

/** The options the form starts with: the user's latest choices, else flags and preferences. */
export function proposedChoices(state: WizardState): CloneChoices {
	if (state.choices) {
		return state.choices;
	}

	const mainBranch =
		state.verification?.status === 'done'
			? state.verification.value.repository.mainbranch?.name
			: undefined;
	return cloneChoicesOf(state.defaults, state.ref, mainBranch);
}

/** The failure on screen, if any: what q quits with. */
export function currentFailure(state: WizardState): Failure | undefined {
	const task =
		state.step === 'verify'
			? state.verification
			: state.step === 'clone'
				? state.clone
				: state.step === 'bot'
					? state.identity
					: undefined;
	return task?.status === 'failed' ? task.failure : undefined;
}

/** The identity a running save is writing, for the hook that writes it. */
export function identityToSave(state: WizardState): Identity | undefined {
	if (state.identity?.status !== 'running' || state.botEmail === undefined) {
		return undefined;
	}

	return identityOf(state.botEmail, state.botName);
}

export function identityOf(email: string, name: string | undefined): Identity {
	return name ? {email, name} : {email};
}
