/**
 * The fix-remote screens' behaviour: the reducer's state plus the effects each step
 * starts (verifying the token, writing the config), an interruption at any point before the
 * write (Ctrl+C, or SIGINT/SIGTERM through the command's signal), and the proposal the
 * preview shows, which is exactly what gets written. Keys live in use-fix-remote-keys.ts.
 */
import {useCallback, useEffect, useMemo, useRef} from 'react';
import type {CommandContext} from '../../core/context.js';
import {AuthError, ExitCode, exitCodeOf, NotFoundError} from '../../core/errors.js';
import {describeError} from '../../core/output.js';
import {storeCredentials} from '../../fix-remote/auth-plan.js';
import {applyProposal, otherCredentials, type Proposal, proposeFix} from '../../fix-remote/plan.js';
import type {BitbucketRemote, RemoteChoice} from '../../fix-remote/remote-choice.js';
import {proposalLines} from '../../fix-remote/report.js';
import {type FixRemoteSetup, rememberFix, verifyWithDispatcher} from '../../fix-remote/setup.js';
import {remoteUrlFor} from '../../git/remote-url.js';
import {useAbortSignal} from '../components/use-abort-signal.js';
import {useSyncReducer} from '../components/use-sync-reducer.js';
import {
	type FixRemoteAction,
	type FixRemoteState,
	fixRemoteReducer,
	initialState,
	type Outcome,
	type StepName,
	stepOf,
} from './use-fix-remote-state.js';

export type UseFixRemoteOptions = {
	readonly context: Pick<CommandContext, 'env' | 'flags'>;
	readonly setup: FixRemoteSetup;
	readonly choice: RemoteChoice;
	/** BITBUCKET_ACCESS_TOKEN, already checked: no prompt then. */
	readonly envToken?: string | undefined;
	/** Aborted by SIGINT/SIGTERM delivered as signals: ends the run like Ctrl+C. */
	readonly signal?: AbortSignal | undefined;
};

export type FixRemote = {
	readonly state: FixRemoteState;
	readonly step: StepName;
	readonly proposal: Proposal | undefined;
	/** The state including keys handled since the last render. */
	current(): FixRemoteState;
	moveCursor(by: number): void;
	chooseRemote(chosen: BitbucketRemote): void;
	submitToken(token: string): void;
	submitEmail(botEmail: string | undefined): void;
	decideStrip(strip: boolean): void;
	confirm(): void;
	cancel(): void;
	/** Ctrl+C: leaves with exit 130, unless the config is being written or the run is over. */
	interrupt(): void;
};

const notChanged = '.git/config was not changed.';

export function useFixRemote(options: UseFixRemoteOptions): FixRemote {
	const {context, setup, choice, envToken, signal} = options;
	const remoteAction = useCallback(
		(chosen: BitbucketRemote): FixRemoteAction => ({
			type: 'remote',
			chosen,
			botEmail: setup.botEmail ?? setup.settings.botEmailFor(chosen.ref),
			others: otherCredentials(setup.inspection, chosen),
			stripAll: context.flags.stripCredentials,
		}),
		[setup, context.flags.stripCredentials],
	);
	const [state, dispatch, current] = useSyncReducer(fixRemoteReducer, () => {
		const start = initialState(envToken);
		return choice.kind === 'chosen' ? fixRemoteReducer(start, remoteAction(choice.chosen)) : start;
	});
	const step = stepOf(state);
	const abort = useRef(new AbortController());
	const finish = useCallback((outcome: Outcome) => dispatch({type: 'finish', outcome}), [dispatch]);
	const interrupt = useCallback(() => {
		const now = stepOf(current());
		if (now === 'applying' || now === 'finished') {
			return;
		}

		abort.current.abort();
		finish(neutral(`Interrupted; ${notChanged}`, ExitCode.interrupted));
	}, [current, finish]);

	const proposal = useMemo(() => {
		const {chosen, token, strip} = state;
		if (!chosen || token === undefined || strip === undefined || !state.emailDecided) {
			return undefined;
		}

		const plan = setup.plans.get(chosen.remote.name)!;
		return proposeFix({
			inspection: setup.inspection,
			chosen,
			proposedUrl: remoteUrlFor(setup.endpoints.gitUrl, chosen.ref, plan.auth, token),
			identity: state.botEmail === undefined ? undefined : {email: state.botEmail},
			strip,
			plan,
			gitUrl: setup.endpoints.gitUrl,
		});
	}, [state, setup]);

	useAbortSignal(signal, interrupt);

	useEffect(() => {
		if (step !== 'verifying' || !state.chosen || state.token === undefined) {
			return;
		}

		let live = true;
		verifyWithDispatcher(context, setup, state.chosen.ref, state.token, abort.current.signal).then(
			({canPush}) => live && dispatch({type: 'verified', canPush}),
			(error: unknown) => {
				if (!live || abort.current.signal.aborted) {
					return;
				}

				const retry =
					(error instanceof AuthError || error instanceof NotFoundError) && !state.tokenFromEnv;
				if (retry) {
					dispatch({type: 'tokenRefused', failure: describeError(error)});
				} else {
					finish(failure(error));
				}
			},
		);
		return () => {
			live = false;
		};
	}, [step, state.chosen, state.token, state.tokenFromEnv, context, setup, dispatch, finish]);

	useEffect(() => {
		if (step === 'preview' && context.flags.yes) {
			dispatch({type: 'confirm'});
		}
	}, [step, context.flags.yes, dispatch]);

	useEffect(() => {
		if (step !== 'applying' || !proposal) {
			return;
		}

		applyProposal(setup.inspection, proposal)
			.then(async (written) => {
				await storeCredentials({
					plan: proposal.plan,
					root: setup.inspection.repository.root,
					gitUrl: setup.endpoints.gitUrl,
					chosen: state.chosen!,
					token: state.token!,
					env: context.env,
				});
				return written;
			})
			.then(
				(written) => {
					const settingsWarning = rememberFix(setup, proposal);
					finish({
						exitCode: ExitCode.ok,
						tone: 'success',
						details: proposalLines(proposal, proposal.auth),
						headline: written
							? `Updated ${setup.inspection.repository.configPath}.`
							: 'Nothing to change: .git/config already says this.',
						notes: [
							state.canPush
								? 'The token can fetch and push.'
								: 'The token can fetch; pushes will be refused (it lacks repository:write).',
						],
						...(settingsWarning ? {warning: settingsWarning} : {}),
					});
				},
				(error: unknown) => finish(failure(error)),
			);
	}, [step, proposal, setup, state.canPush, state.chosen, state.token, context.env, finish]);

	const count = choice.kind === 'ask' ? choice.candidates.length : 0;
	return {
		state,
		step,
		proposal,
		current,
		moveCursor: (by) => dispatch({type: 'moveCursor', by, count}),
		chooseRemote: (chosen) => dispatch(remoteAction(chosen)),
		submitToken: (token) => dispatch({type: 'token', token}),
		submitEmail: (botEmail) => dispatch({type: 'email', botEmail}),
		decideStrip: (strip) => dispatch({type: 'strip', strip}),
		confirm: () => dispatch({type: 'confirm'}),
		cancel: () => finish(neutral(`Cancelled; ${notChanged}`, ExitCode.ok)),
		interrupt,
	};
}

function neutral(headline: string, exitCode: ExitCode): Outcome {
	return {exitCode, tone: 'neutral', details: [], headline, notes: []};
}

function failure(error: unknown): Outcome {
	const {message, hint} = describeError(error);
	return {
		exitCode: exitCodeOf(error),
		tone: 'error',
		details: [],
		headline: message,
		...(hint ? {hint} : {}),
		notes: [notChanged],
	};
}
