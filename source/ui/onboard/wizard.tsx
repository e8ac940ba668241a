/**
 * The onboarding wizard: the state machine (useWizard), the hooks that run services for it,
 * and one screen per step between a header (`2/7 Token`) and the key hints. Screens only
 * render; every service call happens in a hook.
 */
import {Box} from 'ink';
import {useCallback} from 'react';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {Header} from '../components/header.js';
import {KeyHints} from '../components/key-hints.js';
import {hintsOf} from '../components/key-table.js';
import {Notice} from '../components/notice.js';
import {useAbortSignal} from '../components/use-abort-signal.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {StepScreen} from './step-screen.js';
import {useAcceptedBotEmail, useAcceptedToken} from './use-accepted-defaults.js';
import {useClient} from './use-client.js';
import {useClone} from './use-clone.js';
import {useIdentity} from './use-identity.js';
import {useLatestCommits} from './use-latest-commits.js';
import {useVerification} from './use-verification.js';
import {useWizard} from './use-wizard.js';
import {useWizardKeys} from './use-wizard-keys.js';
import {wizardKeysFor} from './wizard-keys.js';
import type {WizardProps} from './wizard-props.js';
import {stepNumber, steps, stepTitles, type WizardState} from './wizard-state.js';

export type {DemoInfo, WizardProps} from './wizard-props.js';

export function Wizard(props: WizardProps) {
	const {services, demo} = props;
	const [state, dispatch, current] = useWizard(
		{
			...(props.initialRef ? {ref: props.initialRef} : {}),
			acceptDefaults: props.acceptDefaults ?? false,
			defaults: props.defaults,
		},
		props.onExit,
	);
	const {columns, rows} = useTerminalSize();
	const width = Math.max(20, columns - 1);
	const client = useClient(state.token, services);
	const branch = cloneBranch(state);
	const commits = useLatestCommits(
		state.step === 'clone' || state.step === 'bot' ? client : undefined,
		state.ref,
		branch,
	);
	useVerification(state, dispatch, services);
	useClone(state, dispatch, services, props.helper);
	useIdentity(state, dispatch, props.settings);
	useWizardKeys({state, dispatch, current, isActive: state.step !== 'done'});
	useAcceptedBotEmail(state, dispatch, props.settings, commits);
	const interrupt = useCallback(() => dispatch({type: 'quit', reason: 'interrupt'}), [dispatch]);
	useAbortSignal(props.signal, interrupt);
	useAcceptedToken(state, dispatch, props.envToken);

	// Ink redraws in place only while a frame is shorter than the terminal: keep every screen so.
	const noticeRows = demo ? Math.ceil((demo.note.length + 3) / width) : 0;
	const title = stepTitles[state.step];
	const detail = state.ref ? formatRepoRef(state.ref) : undefined;
	return (
		<Box flexDirection="column" width={width}>
			<Header
				step={stepNumber(state.step)}
				total={steps.length}
				title={title}
				width={width}
				{...(detail ? {detail} : {})}
			/>
			{demo ? <Notice>{demo.note}</Notice> : null}
			{props.settingsWarning && state.step === (state.skipRepository ? 'token' : 'repository') ? (
				<Notice kind="warning">{props.settingsWarning}</Notice>
			) : null}
			<Box marginTop={1} marginBottom={1} flexDirection="column">
				<StepScreen
					{...props}
					state={state}
					dispatch={dispatch}
					client={client}
					commits={commits}
					width={width}
					rows={rows - 2 - noticeRows - 2}
				/>
			</Box>
			{state.step === 'done' || state.quit !== undefined ? null : (
				<KeyHints hints={hintsOf(wizardKeysFor(state), {state, dispatch})} />
			)}
		</Box>
	);
}

/** The branch being cloned: the chosen one, else the main branch the API reported. */
function cloneBranch(state: WizardState): string | undefined {
	if (state.choices?.branch) {
		return state.choices.branch;
	}

	return state.verification?.status === 'done'
		? state.verification.value.repository.mainbranch?.name
		: undefined;
}
