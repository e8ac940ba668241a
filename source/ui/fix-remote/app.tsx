/** The fix-remote screens: one step at a time, Ctrl+C leaves without changing anything. */
import {Spinner} from '@inkjs/ui';
import {Box, Text, useApp} from 'ink';
import {useEffect} from 'react';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {redact} from '../../bitbucket/token.js';
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import type {ExitCode} from '../../errors.js';
import {CredentialsStep} from './credentials-step.js';
import {EmailStep} from './email-step.js';
import {OutcomeView} from './outcome-view.js';
import {PreviewStep} from './preview-step.js';
import {RemoteStep} from './remote-step.js';
import {TokenStep} from './token-step.js';
import {type UseFixRemoteOptions, useFixRemote} from './use-fix-remote.js';

export type FixRemoteAppProps = UseFixRemoteOptions & {
	/** Called once with the exit code, before the app unmounts. */
	readonly onExit: (exitCode: ExitCode) => void;
};

export function FixRemoteApp({onExit, ...options}: FixRemoteAppProps) {
	const {exit} = useApp();
	const flow = useFixRemote(options);
	const {state, step, proposal} = flow;
	const {setup, choice} = options;

	useEffect(() => {
		if (state.outcome) {
			onExit(state.outcome.exitCode);
			exit();
		}
	}, [state.outcome, onExit, exit]);

	return (
		<Box flexDirection="column">
			<Text>
				<Text bold>bbtok-tui fix-remote</Text> · {setup.where}
				{state.chosen ? ` · ${state.chosen.remote.name} → ${formatRepoRef(state.chosen.ref)}` : ''}
			</Text>
			{state.chosen && (step === 'token' || step === 'verifying' || step === 'email') ? (
				<Text dimColor>current URL: {redact(state.chosen.remote.url)}</Text>
			) : null}
			{setup.settingsWarning ? <Text color="yellow">{setup.settingsWarning}</Text> : null}
			{step === 'remote' && choice.kind === 'ask' ? (
				<RemoteStep candidates={choice.candidates} onChoose={flow.chooseRemote} />
			) : null}
			{step === 'token' && state.chosen ? (
				<TokenStep
					key={state.tokenAttempts}
					repoRef={state.chosen.ref}
					error={state.tokenError}
					onToken={flow.submitToken}
					onRefused={flow.refuseToken}
				/>
			) : null}
			{step === 'verifying' ? <Spinner label="Verifying the token with the API and git…" /> : null}
			{step === 'email' && state.chosen ? (
				<EmailStep
					tokensPage={accessTokensPage(state.chosen.ref, setup.endpoints.gitUrl)}
					currentEmail={setup.inspection.config.get({section: 'user'}, 'email')}
					onEmail={flow.submitEmail}
				/>
			) : null}
			{step === 'credentials' ? (
				<CredentialsStep found={state.others} onDecide={flow.decideStrip} />
			) : null}
			{step === 'preview' && proposal ? (
				<PreviewStep
					proposal={proposal}
					auth={setup.auth}
					configPath={setup.inspection.repository.configPath}
					canPush={state.canPush ?? false}
					autoConfirm={options.context.flags.yes}
					onConfirm={flow.confirm}
					onCancel={flow.cancel}
				/>
			) : null}
			{step === 'applying' ? <Spinner label="Writing .git/config…" /> : null}
			{state.outcome ? <OutcomeView outcome={state.outcome} /> : null}
			{step === 'finished' ? null : <Text dimColor>Ctrl+C quits without changing anything.</Text>}
		</Box>
	);
}
