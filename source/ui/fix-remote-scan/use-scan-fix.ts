/**
 * The effects of the interactive fix-remote --scan: planning once a token is known (the
 * scan, one request per repository, the proposals), applying the ticked changes on Enter,
 * and what the keys do (scan-fix-keys.ts says which key does it). Ctrl+C (or SIGINT/SIGTERM) before applying leaves with nothing changed;
 * while applying it stops between two clones, and the summary says which were migrated.
 */
import {useCallback, useEffect, useMemo, useRef} from 'react';
import {ExitCode, exitCodeOf} from '../../core/errors.js';
import {describeError} from '../../core/output.js';
import type {Services} from '../../services/services.js';
import {applyScanFix} from '../../use-cases/fix-remote-scan/apply.js';
import {planScanFix, type ScanFixRequest} from '../../use-cases/fix-remote-scan/plan.js';
import {summaryLines} from '../../use-cases/fix-remote-scan/report.js';
import {useAbortSignal} from '../components/use-abort-signal.js';
import {useSyncReducer} from '../components/use-sync-reducer.js';
import type {ScanFixActions} from './scan-fix-keys.js';
import {useScanFixKeys} from './use-scan-fix-keys.js';
import {initialState, type ScanFixState, scanFixReducer} from './use-scan-fix-state.js';

export type UseScanFixOptions = {
	readonly request: Omit<ScanFixRequest, 'token' | 'signal'>;
	readonly services: Services;
	/** BITBUCKET_ACCESS_TOKEN, already checked: no prompt then. */
	readonly envToken?: string | undefined;
	readonly signal?: AbortSignal | undefined;
};

export type ScanFix = {
	readonly state: ScanFixState;
	/** What the keys do; the screens' hints come from the same table. */
	readonly actions: ScanFixActions;
	submitToken(token: string): void;
	/** A token refused before anything was sent (a user API token, whitespace…). */
	refuseToken(message: string): void;
};

const nothingChanged = 'nothing was changed.';

export function useScanFix(options: UseScanFixOptions): ScanFix {
	const {request, services, envToken, signal} = options;
	const [state, dispatch, current] = useSyncReducer(scanFixReducer, () => initialState(envToken));
	const abort = useRef(new AbortController());
	const finish = useCallback(
		(lines: readonly string[], exitCode: ExitCode) => dispatch({type: 'finish', lines, exitCode}),
		[dispatch],
	);
	const interrupt = useCallback(() => {
		const {phase} = current();
		abort.current.abort();
		// While applying, the loop stops between two clones and reports; before, nothing was written.
		if (phase !== 'applying') {
			finish([`Interrupted; ${nothingChanged}`], ExitCode.interrupted);
		}
	}, [current, finish]);
	useAbortSignal(signal, interrupt);

	useEffect(() => {
		if (state.phase !== 'checking' || state.token === undefined) {
			return;
		}

		planScanFix(
			{
				...request,
				token: state.token,
				signal: abort.current.signal,
				onChecked: (done, total) => dispatch({type: 'progress', done, total}),
			},
			services,
		).then(
			(plan) => dispatch({type: 'planned', plan}),
			(error: unknown) => {
				if (!abort.current.signal.aborted) {
					const {message, hint} = describeError(error);
					finish([`${message}${hint ? ` ${hint}` : ''} ${nothingChanged}`], exitCodeOf(error));
				}
			},
		);
	}, [state.phase, state.token, request, services, dispatch, finish]);

	const {phase, plan} = state;
	useEffect(() => {
		if (phase !== 'applying' || plan === undefined) {
			return;
		}

		const {token} = current();
		services
			.settings()
			.then(({settings}) =>
				applyScanFix(plan, {
					token: token!,
					services,
					selected: current().selected,
					stripCredentials: request.stripCredentials,
					settings,
					signal: abort.current.signal,
					onResult: (result) => dispatch({type: 'result', result}),
				}),
			)
			.then(
				(outcome) => {
					const failed = outcome.clones.some((result) => result.status === 'failed');
					const code = outcome.interrupted
						? ExitCode.interrupted
						: failed
							? ExitCode.failure
							: ExitCode.ok;
					finish([...summaryLines(plan, outcome), ...outcome.warnings], code);
				},
				(error: unknown) => finish([describeError(error).message], exitCodeOf(error)),
			);
	}, [phase, plan, current, request.stripCredentials, services, dispatch, finish]);

	const actions = useMemo<ScanFixActions>(
		() => ({
			move: (by) => dispatch({type: 'move', by}),
			toggle: () => dispatch({type: 'toggle'}),
			toggleAll: () => dispatch({type: 'toggleAll'}),
			apply() {
				if (current().selected.size === 0) {
					finish([`Nothing ticked; ${nothingChanged}`], ExitCode.ok);
				} else {
					dispatch({type: 'apply'});
				}
			},
			cancel: () => finish([`Cancelled; ${nothingChanged}`], ExitCode.ok),
			interrupt,
		}),
		[current, dispatch, finish, interrupt],
	);
	useScanFixKeys({actions, empty: state.plan?.changes.length === 0}, () => current().phase);

	const submitToken = useCallback((token: string) => dispatch({type: 'token', token}), [dispatch]);
	const refuseToken = useCallback(
		(message: string) => dispatch({type: 'tokenRefused', message}),
		[dispatch],
	);
	return useMemo(
		() => ({state, actions, submitToken, refuseToken}),
		[state, actions, submitToken, refuseToken],
	);
}
