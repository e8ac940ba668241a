/**
 * The onboarding wizard: the state machine (useWizard), the hooks that run services for it,
 * and one screen per step between a header (`2/7 Token`) and the key hints. Screens only
 * render; every service call happens in a hook.
 */

import os from 'node:os';
import {Box} from 'ink';
import {type Dispatch, useCallback, useEffect, useMemo, useState} from 'react';
import {BitbucketClient} from '../../bitbucket/client.js';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {printable} from '../../commits/commit-entry.js';
import type {ExitCode} from '../../errors.js';
import {botEmailsFromCommits} from '../../onboard/bot-email.js';
import {Header} from '../components/header.js';
import {KeyHints} from '../components/key-hints.js';
import {Notice} from '../components/notice.js';
import type {Suggestion} from '../components/suggestion-input/suggestion-input.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {BotStep} from './bot-step.js';
import {CloneStep, displayPath} from './clone-step.js';
import {OptionsStep} from './options-step.js';
import {RepositoryStep} from './repository-step.js';
import type {WizardServices} from './services.js';
import {SummaryStep} from './summary-step.js';
import {TokenStep} from './token-step.js';
import {useClone} from './use-clone.js';
import {useIdentity} from './use-identity.js';
import {useLatestCommits} from './use-latest-commits.js';
import {useVerification} from './use-verification.js';
import {useWizard} from './use-wizard.js';
import {useWizardKeys} from './use-wizard-keys.js';
import {VerifyStep} from './verify-step.js';
import {hintsFor} from './wizard-hints.js';
import {
	type CloneChoices,
	type Defaults,
	proposedChoices,
	stepNumber,
	steps,
	stepTitles,
	type WizardAction,
	type WizardState,
} from './wizard-state.js';

export type DemoInfo = {
	readonly token: string;
	readonly botEmail: string;
	/** One line explaining the embedded sandbox. */
	readonly note: string;
};

export type WizardProps = {
	readonly services: WizardServices;
	/** The REPO argument: the repository step is skipped. */
	readonly initialRef?: RepoRef;
	/** BITBUCKET_ACCESS_TOKEN, normalised. */
	readonly envToken?: string;
	readonly defaults: Defaults;
	/** `--yes`. */
	readonly acceptDefaults?: boolean;
	readonly settingsWarning?: string;
	readonly demo?: DemoInfo;
	/** Aborted on SIGTERM/SIGINT delivered as signals: treated like Ctrl+C. */
	readonly signal?: AbortSignal;
	/** Called once with the exit code when the wizard ends. */
	readonly onExit: (code: ExitCode) => void;
};

export function Wizard(props: WizardProps) {
	const {services, demo} = props;
	const [state, dispatch] = useWizard(
		{
			...(props.initialRef ? {ref: props.initialRef} : {}),
			acceptDefaults: props.acceptDefaults ?? false,
			defaults: props.defaults,
		},
		props.onExit,
	);
	const {columns, rows} = useTerminalSize();
	const width = Math.max(20, columns - 1);
	const client = useMemo(
		() =>
			state.token
				? new BitbucketClient({
						apiUrl: services.endpoints.apiUrl,
						token: state.token,
						dispatcher: services.dispatcher,
					})
				: undefined,
		[state.token, services],
	);
	const branch = cloneBranch(state);
	const commits = useLatestCommits(
		state.step === 'clone' || state.step === 'bot' ? client : undefined,
		state.ref,
		branch,
	);
	useVerification(state, dispatch, services, client);
	useClone(state, dispatch, services);
	useIdentity(state, dispatch, services);
	useWizardKeys({state, dispatch, isActive: state.step !== 'done'});
	useAcceptedBotEmail(state, dispatch, props, commits);
	useSignal(props.signal, dispatch);
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
				<Screen
					{...props}
					state={state}
					dispatch={dispatch}
					client={client}
					commits={commits}
					width={width}
					rows={rows - 2 - noticeRows - 2}
				/>
			</Box>
			{state.step === 'done' ? null : <KeyHints hints={hintsFor(state)} />}
		</Box>
	);
}

type ScreenProps = WizardProps & {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly client: BitbucketClient | undefined;
	readonly commits: ReturnType<typeof useLatestCommits>;
	readonly width: number;
	readonly rows: number;
};

function Screen(props: ScreenProps) {
	const {state, dispatch, services, demo} = props;
	const {ref} = state;
	const onRepository = useCallback(
		(chosen: RepoRef, input: string) => dispatch({type: 'repositoryChosen', ref: chosen, input}),
		[dispatch],
	);
	const onToken = useCallback(
		(token: string) => dispatch({type: 'tokenEntered', token}),
		[dispatch],
	);
	const onEmail = useCallback(
		(email: string) => dispatch({type: 'botEmailChosen', email}),
		[dispatch],
	);
	const onName = useCallback(
		(name: string | undefined) => dispatch({type: 'identityChosen', ...(name ? {name} : {})}),
		[dispatch],
	);
	const onOptions = useCallback(
		(choices: CloneChoices) => dispatch({type: 'optionsChosen', choices}),
		[dispatch],
	);

	if (state.step === 'repository' || !ref) {
		return (
			<RepositoryStep
				recent={services.settings.recent()}
				defaultValue={state.repoInput}
				gitUrl={services.endpoints.gitUrl}
				home={os.homedir()}
				onSubmit={onRepository}
			/>
		);
	}

	switch (state.step) {
		case 'token':
			return (
				<TokenStep
					repoRef={ref}
					onSubmit={onToken}
					{...(props.envToken ? {envToken: props.envToken} : {})}
					{...(demo ? {demoToken: demo.token} : {})}
				/>
			);
		case 'verify':
			return state.verification ? (
				<VerifyStep repoRef={ref} verification={state.verification} />
			) : null;
		case 'options': {
			const verified = state.verification?.status === 'done' ? state.verification.value : undefined;
			return (
				<OptionsStep
					repoRef={ref}
					initial={proposedChoices(state)}
					branches={branchNames(verified?.branches ?? [], verified?.repository.mainbranch?.name)}
					cwd={services.cwd}
					onSubmit={onOptions}
				/>
			);
		}

		case 'clone':
			return state.clone && state.choices ? (
				<CloneStep
					repoRef={ref}
					choices={state.choices}
					cwd={services.cwd}
					clone={state.clone}
					stopping={state.quit !== undefined}
					barWidth={Math.min(50, Math.max(10, props.width - 40))}
					{...(state.progress ? {progress: state.progress} : {})}
				/>
			) : null;
		case 'bot': {
			if (state.clone?.status !== 'done') {
				return null;
			}

			const {value: cloned} = state.clone;
			const identity = state.identity;
			return (
				<BotStep
					repoRef={ref}
					cloned={`Cloned into ${displayPath(services.cwd, cloned.dir)} (${cloned.branch}${cloned.head ? ` at ${cloned.head.slice(0, 7)}` : ', empty'})`}
					suggestions={botSuggestions(props, ref)}
					saving={identity?.status === 'running'}
					onEmail={onEmail}
					onName={onName}
					{...(props.defaults.botEmail ? {defaultEmail: props.defaults.botEmail} : {})}
					{...(demo ? {demoBotEmail: demo.botEmail} : {})}
					{...(state.botEmail ? {email: state.botEmail} : {})}
					{...(identity?.status === 'failed' ? {failure: identity.failure} : {})}
				/>
			);
		}

		case 'done': {
			if (state.clone?.status !== 'done' || state.identity?.status !== 'done' || !props.client) {
				return null;
			}

			const {value: cloned} = state.clone;
			const {identity, warning} = state.identity.value;
			const choices = state.choices;
			const verified = state.verification?.status === 'done' ? state.verification.value : undefined;
			const canPush = verified?.canPush ?? false;
			const mainBranch = verified?.repository.mainbranch?.name;
			return (
				<SummaryStep
					repoRef={ref}
					client={props.client}
					gitUrl={services.endpoints.gitUrl}
					dir={displayPath(services.cwd, cloned.dir)}
					branch={cloned.branch}
					head={cloned.head}
					{...(mainBranch ? {mainBranch} : {})}
					auth={choices?.auth ?? 'prompt'}
					canPush={canPush}
					identity={identity}
					rows={props.rows}
					width={props.width}
					onExit={props.onExit}
					{...(choices?.depth === undefined ? {} : {depth: choices.depth})}
					{...(warning ? {warning} : {})}
				/>
			);
		}

		default:
			return null;
	}
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

/** Main branch first, then the others as the API listed them. */
function branchNames(
	branches: readonly {name?: string}[],
	mainBranch: string | undefined,
): string[] {
	const names = branches.flatMap((branch) => (branch.name ? [printable(branch.name)] : []));
	const rest = names.filter((name) => name !== mainBranch);
	return mainBranch && names.includes(mainBranch) ? [mainBranch, ...rest] : names;
}

/** The remembered bot email first, then the demo's, then those seen in recent commits. */
function botSuggestions(props: ScreenProps, ref: RepoRef): Suggestion[] {
	const suggestions: Suggestion[] = [];
	const add = (value: string | undefined, description: string) => {
		if (value && !suggestions.some((suggestion) => suggestion.value === value)) {
			suggestions.push({value, description});
		}
	};

	add(props.services.settings.botEmailFor(ref), `remembered for ${formatRepoRef(ref)}`);
	add(props.demo?.botEmail, 'the demo token’s bot');
	for (const email of botEmailsFromCommits(props.commits)) {
		add(email, 'seen in recent commits');
	}

	return suggestions;
}

/** With --yes, BITBUCKET_ACCESS_TOKEN is taken without asking (once: Esc can still go back to change it). */
function useAcceptedToken(
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
function useAcceptedBotEmail(
	state: WizardState,
	dispatch: Dispatch<WizardAction>,
	props: WizardProps,
	commits: ReturnType<typeof useLatestCommits>,
): void {
	const waiting =
		state.acceptDefaults && state.step === 'bot' && state.botEmail === undefined && !state.identity;
	const {ref} = state;
	const remembered = ref ? props.services.settings.botEmailFor(ref) : undefined;
	const found = botEmailsFromCommits(commits);
	const accepted =
		props.defaults.botEmail ?? remembered ?? (found.length === 1 ? found[0] : undefined);
	useEffect(() => {
		if (waiting && accepted) {
			dispatch({type: 'botEmailChosen', email: accepted});
		}
	}, [waiting, accepted, dispatch]);
}

/** A SIGTERM (or SIGINT sent as a signal rather than typed) stops the wizard like Ctrl+C. */
function useSignal(signal: AbortSignal | undefined, dispatch: Dispatch<WizardAction>): void {
	useEffect(() => {
		if (!signal) {
			return;
		}

		const onAbort = () => dispatch({type: 'quit', reason: 'interrupt'});
		if (signal.aborted) {
			onAbort();
			return;
		}

		signal.addEventListener('abort', onAbort, {once: true});
		return () => signal.removeEventListener('abort', onAbort);
	}, [signal, dispatch]);
}
