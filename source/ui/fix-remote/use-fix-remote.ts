/**
 * The fix-remote screens' behaviour: the reducer's state plus the effects each step
 * starts (verifying the token, writing the config), Ctrl+C at any point before the write,
 * and the proposal the preview shows, which is exactly what gets written.
 */
import {useInput} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {CommandContext} from '../../commands/context.js';
import {AuthError, ExitCode, exitCodeOf, NotFoundError} from '../../errors.js';
import {applyProposal, otherCredentials, type Proposal, proposeFix} from '../../fix-remote/plan.js';
import type {BitbucketRemote, RemoteChoice} from '../../fix-remote/remote-choice.js';
import {errorLine, proposalLines} from '../../fix-remote/report.js';
import {type FixRemoteSetup, rememberFix, verifyWithDispatcher} from '../../fix-remote/setup.js';
import {remoteUrlFor} from '../../git/remote-url.js';
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
};

export type FixRemote = {
	readonly state: FixRemoteState;
	readonly step: StepName;
	readonly proposal: Proposal | undefined;
	chooseRemote(chosen: BitbucketRemote): void;
	submitToken(token: string): void;
	refuseToken(message: string): void;
	submitEmail(botEmail: string | undefined): void;
	decideStrip(strip: boolean): void;
	confirm(): void;
	cancel(): void;
};

const notChanged = '.git/config was not changed.';

export function useFixRemote({context, setup, choice, envToken}: UseFixRemoteOptions): FixRemote {
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
	const [state, dispatch] = useReducer(fixRemoteReducer, undefined, () => {
		const start = initialState(envToken);
		return choice.kind === 'chosen' ? fixRemoteReducer(start, remoteAction(choice.chosen)) : start;
	});
	const step = stepOf(state);
	const abort = useRef(new AbortController());
	const finish = useCallback((outcome: Outcome) => dispatch({type: 'finish', outcome}), []);

	const proposal = useMemo(() => {
		const {chosen, token, strip} = state;
		if (!chosen || token === undefined || strip === undefined || !state.emailDecided) {
			return undefined;
		}

		return proposeFix({
			inspection: setup.inspection,
			chosen,
			proposedUrl: remoteUrlFor(setup.endpoints.gitUrl, chosen.ref, setup.auth, token),
			identity: state.botEmail === undefined ? undefined : {email: state.botEmail},
			strip,
		});
	}, [state, setup]);

	useInput((input, key) => {
		if (key.ctrl && input === 'c' && step !== 'applying' && step !== 'finished') {
			abort.current.abort();
			finish({
				exitCode: ExitCode.interrupted,
				tone: 'neutral',
				lines: [`Interrupted; ${notChanged}`],
			});
		}
	});

	useEffect(() => {
		if (step !== 'verifying' || !state.chosen || state.token === undefined) {
			return;
		}

		let current = true;
		verifyWithDispatcher(context, setup, state.chosen.ref, state.token, abort.current.signal).then(
			({canPush}) => current && dispatch({type: 'verified', canPush}),
			(error: unknown) => {
				if (!current || abort.current.signal.aborted) {
					return;
				}

				const retry =
					(error instanceof AuthError || error instanceof NotFoundError) && !state.tokenFromEnv;
				if (retry) {
					dispatch({type: 'tokenRefused', message: errorLine(error)});
				} else {
					finish(failure(error));
				}
			},
		);
		return () => {
			current = false;
		};
	}, [step, state.chosen, state.token, state.tokenFromEnv, context, setup, finish]);

	useEffect(() => {
		if (step === 'preview' && context.flags.yes) {
			dispatch({type: 'confirm'});
		}
	}, [step, context.flags.yes]);

	useEffect(() => {
		if (step !== 'applying' || !proposal) {
			return;
		}

		applyProposal(setup.inspection, proposal).then(
			(written) => {
				const settingsWarning = rememberFix(setup, proposal);
				finish({
					exitCode: ExitCode.ok,
					tone: 'success',
					lines: [
						...proposalLines(proposal, setup.auth),
						written
							? `Updated ${setup.inspection.repository.configPath}.`
							: 'Nothing to change: .git/config already says this.',
						...(settingsWarning ? [settingsWarning] : []),
						state.canPush
							? 'The token can fetch and push.'
							: 'The token can fetch; pushes will be refused (it lacks repository:write).',
					],
				});
			},
			(error: unknown) => finish(failure(error)),
		);
	}, [step, proposal, setup, state.canPush, finish]);

	return {
		state,
		step,
		proposal,
		chooseRemote: (chosen) => dispatch(remoteAction(chosen)),
		submitToken: (token) => dispatch({type: 'token', token}),
		refuseToken: (message) => dispatch({type: 'tokenRefused', message}),
		submitEmail: (botEmail) => dispatch({type: 'email', botEmail}),
		decideStrip: (strip) => dispatch({type: 'strip', strip}),
		confirm: () => dispatch({type: 'confirm'}),
		cancel: () =>
			finish({exitCode: ExitCode.ok, tone: 'neutral', lines: [`Cancelled; ${notChanged}`]}),
	};
}

function failure(error: unknown): Outcome {
	return {exitCode: exitCodeOf(error), tone: 'error', lines: [errorLine(error), notChanged]};
}
