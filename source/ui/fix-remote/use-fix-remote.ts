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
import type {Proposal} from '../../use-cases/fix-remote/plan.js';
import type {BitbucketRemote, RemoteChoice} from '../../use-cases/fix-remote/remote-choice.js';
import {proposalLines} from '../../use-cases/fix-remote/report.js';
import type {FixRemoteSetup} from '../../use-cases/fix-remote/setup.js';
import {
	applyStep,
	notChanged,
	proposalFor,
	remoteChosen,
	verifyStep,
} from '../../use-cases/fix-remote/steps.js';
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
	readonly context: Pick<CommandContext, 'flags'>;
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

export function useFixRemote(options: UseFixRemoteOptions): FixRemote {
	const {context, setup, choice, envToken, signal} = options;
	const remoteAction = useCallback(
		(chosen: BitbucketRemote): FixRemoteAction => ({
			type: 'remote',
			chosen,
			...remoteChosen(setup, chosen),
		}),
		[setup],
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

		return proposalFor(setup, {chosen, token, botEmail: state.botEmail, strip});
	}, [state, setup]);

	useAbortSignal(signal, interrupt);

	useEffect(() => {
		if (step !== 'verifying' || !state.chosen || state.token === undefined) {
			return;
		}

		let live = true;
		const {signal} = abort.current;
		verifyStep(setup.services, {ref: state.chosen.ref, token: state.token, signal}).then(
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
	}, [step, state.chosen, state.token, state.tokenFromEnv, setup, dispatch, finish]);

	useEffect(() => {
		if (step === 'preview' && context.flags.yes) {
			dispatch({type: 'confirm'});
		}
	}, [step, context.flags.yes, dispatch]);

	const {chosen, token, canPush} = state;
	useEffect(() => {
		if (step !== 'applying' || !proposal || !chosen || token === undefined) {
			return;
		}

		applyStep(setup, {proposal, chosen, token}).then(
			({written, warning}) => {
				finish({
					exitCode: ExitCode.ok,
					tone: 'success',
					details: proposalLines(proposal, proposal.auth),
					headline: written
						? `Updated ${setup.inspection.repository.configPath}.`
						: 'Nothing to change: .git/config already says this.',
					notes: [
						canPush
							? 'The token can fetch and push.'
							: 'The token can fetch; pushes will be refused (it lacks repository:write).',
					],
					...(warning ? {warning} : {}),
				});
			},
			(error: unknown) => finish(failure(error)),
		);
	}, [step, proposal, setup, chosen, token, canPush, finish]);

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
