/**
 * Runs the clone while the clone step waits for it, feeding its progress to the wizard.
 * Quitting aborts it; the clone service then removes what it created, and only when it
 * has settled does the wizard let the process exit. isomorphic-git is loaded only here,
 * so the wizard's first frame does not wait for it.
 */
import path from 'node:path';
import {type Dispatch, useEffect, useRef} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {WizardServices} from './services.js';
import {failureOf, type WizardAction, type WizardState} from './wizard-state.js';

export function useClone(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	services: WizardServices,
): void {
	const running = state.clone?.status === 'running';
	const quitting = state.quit !== undefined;
	const controller = useRef<AbortController | undefined>(undefined);
	const {ref, token, choices} = state;

	useEffect(() => {
		if (!running || !ref || !token || !choices) {
			return;
		}

		const current = new AbortController();
		controller.current = current;
		Promise.all([import('../../git/clone.js'), services.dispatcher()])
			.then(([{cloneRepository}, dispatcher]) =>
				cloneRepository({
					dir: path.resolve(services.cwd, choices.dir),
					gitUrl: services.endpoints.gitUrl,
					ref,
					token,
					auth: choices.auth,
					...(choices.branch === undefined ? {} : {branch: choices.branch}),
					...(choices.depth === undefined ? {} : {depth: choices.depth}),
					onProgress: (progress) => dispatch({type: 'cloneProgress', progress}),
					signal: current.signal,
					dispatcher,
					...(choices.auth === 'helper' && services.helper
						? {afterClone: keepIn(services, ref, token, services.helper.value)}
						: {}),
				}),
			)
			.then(
				(result) => dispatch({type: 'cloned', result}),
				// Reported even after an abort: the wizard waits for this to know the cleanup is done.
				(error: unknown) => dispatch({type: 'cloneFailed', failure: failureOf(error)}),
			);
		// The clone is not aborted when this effect re-runs: it reports its own end.
	}, [running, ref, token, choices, services, dispatch]);

	useEffect(() => {
		if (quitting) {
			controller.current?.abort();
		}
	}, [quitting]);

	useEffect(() => () => controller.current?.abort(), []);
}

/** `--auth helper`: the finished clone's token goes to the helper (loaded with the clone code). */
function keepIn(services: WizardServices, ref: RepoRef, token: string, helper: string) {
	return async (dir: string) => {
		const {keepTokenInHelper} = await import('../../git/helper-auth.js');
		await keepTokenInHelper({
			dir,
			gitUrl: services.endpoints.gitUrl,
			ref,
			token,
			helper,
			env: services.env,
		});
	};
}
