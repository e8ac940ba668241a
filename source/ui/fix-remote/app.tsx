/**
 * The fix-remote screens: a header, what is being fixed, the current step, and the keys it
 * takes. State and effects live in useFixRemote, keys in useFixRemoteKeys; the steps only
 * render. Ctrl+C leaves without changing anything.
 */
import {Spinner} from '@inkjs/ui';
import {Box, useApp} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import type {ExitCode} from '../../core/errors.js';
import {redact} from '../../core/redaction.js';
import {type DetailRow, Details} from '../components/details.js';
import {Header} from '../components/header.js';
import {KeyHints} from '../components/key-hints.js';
import {hintsOf} from '../components/key-table.js';
import {Notice} from '../components/notice.js';
import {TokenPrompt} from '../components/token-prompt.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {CredentialsStep} from './credentials-step.js';
import {diffRows, maxDiffScroll} from './diff-view.js';
import {EmailStep} from './email-step.js';
import {type FixRemoteKeyContext, fixRemoteKeys} from './fix-remote-keys.js';
import {OutcomeView} from './outcome-view.js';
import {PreviewStep, previewRows} from './preview-step.js';
import {RemoteStep} from './remote-step.js';
import {type UseFixRemoteOptions, useFixRemote} from './use-fix-remote.js';
import {useFixRemoteKeys} from './use-fix-remote-keys.js';

export type FixRemoteAppProps = UseFixRemoteOptions & {
	/** Called once with the exit code, before the app unmounts. */
	readonly onExit: (exitCode: ExitCode) => void;
};

/** Steps that show the repository and remote being fixed above them; the preview shows more. */
const withContext = new Set(['remote', 'token', 'verifying', 'email', 'credentials']);

export function FixRemoteApp({onExit, ...options}: FixRemoteAppProps) {
	const {exit} = useApp();
	const flow = useFixRemote(options);
	const {state, step, proposal} = flow;
	const {setup, choice} = options;
	const candidates = choice.kind === 'ask' ? choice.candidates : [];
	const autoConfirm = options.context.flags.yes;
	const {columns, rows} = useTerminalSize();
	const width = Math.max(20, columns - 1);
	const configPath = setup.inspection.repository.configPath;
	const diff = useMemo(
		() => (proposal ? diffRows(configPath, proposal.hunks) : []),
		[configPath, proposal],
	);
	// Ink redraws in place only while a frame is shorter than the terminal: the diff gets what
	// the header, the proposal, the question and the hints leave.
	const diffHeight = proposal
		? Math.max(4, rows - 1 - previewRows(proposal, proposal.auth, width) - chromeRows(setup))
		: undefined;
	const [diffScroll, setDiffScroll] = useState(0);
	const maxScroll = maxDiffScroll(diff.length, diffHeight);
	// Keys are handled by the last render's callback: it clamps by the latest bound.
	const latestMaxScroll = useRef(maxScroll);
	latestMaxScroll.current = maxScroll;
	const scrollDiff = useCallback((delta: number) => {
		setDiffScroll((scroll) => Math.min(latestMaxScroll.current, Math.max(0, scroll + delta)));
	}, []);
	const keyContext: FixRemoteKeyContext = {
		flow,
		candidates,
		autoConfirm,
		nothingToDo: proposal?.hunks.length === 0,
		scrollable: maxScroll > 0,
		scrollDiff,
		diffPage: Math.max(1, (diffHeight ?? 2) - 2),
	};
	useFixRemoteKeys(keyContext);

	useEffect(() => {
		if (state.outcome) {
			onExit(state.outcome.exitCode);
			exit();
		}
	}, [state.outcome, onExit, exit]);

	const {chosen} = state;
	const context: DetailRow[] = [
		{label: 'Clone', value: setup.inspection.repository.root},
		...(chosen
			? [
					{label: 'Remote', value: chosen.remote.name},
					{label: 'Current URL', value: redact(chosen.remote.url)},
				]
			: []),
	];
	const hints = hintsOf(fixRemoteKeys[step], keyContext);
	return (
		<Box flexDirection="column" width={width}>
			<Header
				title="fix-remote"
				width={width}
				{...(chosen ? {detail: `${chosen.remote.name} → ${formatRepoRef(chosen.ref)}`} : {})}
			/>
			{setup.settingsWarning ? <Notice kind="warning">{setup.settingsWarning}</Notice> : null}
			<Box marginTop={1} flexDirection="column" gap={1}>
				{withContext.has(step) ? <Details rows={context} /> : null}
				{step === 'remote' ? (
					<RemoteStep candidates={candidates} cursor={state.remoteCursor} />
				) : null}
				{step === 'token' && chosen ? (
					<TokenPrompt
						key={state.tokenAttempts}
						repoRef={chosen.ref}
						webUrl={setup.services.endpoints.gitUrl}
						access="push"
						onToken={flow.submitToken}
						{...(state.tokenFailure ? {failure: state.tokenFailure} : {})}
					/>
				) : null}
				{step === 'verifying' ? (
					<Spinner label="Verifying the token with the API and git…" />
				) : null}
				{step === 'email' && chosen ? (
					<EmailStep
						tokensPage={accessTokensPage(chosen.ref, setup.services.endpoints.gitUrl)}
						currentEmail={setup.inspection.config.get({section: 'user'}, 'email')}
						onEmail={flow.submitEmail}
					/>
				) : null}
				{step === 'credentials' ? <CredentialsStep found={state.others} /> : null}
				{step === 'preview' && proposal ? (
					<PreviewStep
						proposal={proposal}
						auth={proposal.auth}
						diff={diff}
						{...(diffHeight === undefined ? {} : {diffHeight})}
						diffScroll={diffScroll}
						canPush={state.canPush ?? false}
						autoConfirm={autoConfirm}
					/>
				) : null}
				{step === 'applying' ? <Spinner label="Writing .git/config…" /> : null}
				{state.outcome ? <OutcomeView outcome={state.outcome} /> : null}
			</Box>
			{hints.length > 0 ? (
				<Box marginTop={1}>
					<KeyHints hints={hints} />
				</Box>
			) : null}
		</Box>
	);
}

/** Rows around the step: header, settings warning, the margin above it, and the key hints. */
function chromeRows(setup: FixRemoteAppProps['setup']): number {
	return 2 + (setup.settingsWarning ? 1 : 0) + 1 + 2;
}
