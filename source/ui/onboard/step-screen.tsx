/**
 * The screen of the wizard's current step, given the state and the callbacks that turn
 * what the user did into wizard actions.
 */
import os from 'node:os';
import {type Dispatch, useCallback} from 'react';
import type {BitbucketClient} from '../../bitbucket/client.js';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {Commit} from '../../bitbucket/types.js';
import {printable} from '../../core/terminal-text.js';
import {botEmailSuggestions} from '../../use-cases/onboard/rules.js';
import {BotStep} from './bot-step.js';
import {CloneStep, displayPath} from './clone-step.js';
import {OptionsStep} from './options-step.js';
import {RepositoryStep} from './repository-step.js';
import {SummaryStep} from './summary-step.js';
import {TokenStep} from './token-step.js';
import {VerifyStep} from './verify-step.js';
import type {WizardProps} from './wizard-props.js';
import {
	type CloneChoices,
	proposedChoices,
	type WizardAction,
	type WizardState,
} from './wizard-state.js';

export type StepScreenProps = WizardProps & {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
	readonly client: BitbucketClient | undefined;
	readonly commits: readonly Commit[];
	readonly width: number;
	readonly rows: number;
};

export function StepScreen(props: StepScreenProps) {
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
				recent={props.settings.recent()}
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
					webUrl={services.endpoints.gitUrl}
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
					{...(props.helper ? {helper: props.helper.name} : {})}
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
			const defaultEmail = state.botEmailDraft ?? props.defaults.botEmail;
			return (
				<BotStep
					repoRef={ref}
					webUrl={services.endpoints.gitUrl}
					cloned={`Cloned into ${displayPath(services.cwd, cloned.dir)} (${cloned.branch}${cloned.head ? ` at ${cloned.head.slice(0, 7)}` : ', empty'})`}
					suggestions={botEmailSuggestions({
						settings: props.settings,
						ref,
						name: formatRepoRef(ref),
						demoBotEmail: demo?.botEmail,
						commits: props.commits,
					})}
					saving={identity?.status === 'running'}
					onEmail={onEmail}
					onName={onName}
					{...(defaultEmail ? {defaultEmail} : {})}
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
					{...(props.helper ? {helper: props.helper.name} : {})}
					canPush={canPush}
					identity={identity}
					rows={props.rows}
					width={props.width}
					onExit={props.onExit}
					{...(props.opener ? {opener: props.opener} : {})}
					{...(choices?.depth === undefined ? {} : {depth: choices.depth})}
					{...(warning ? {warning} : {})}
				/>
			);
		}

		default:
			return null;
	}
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
