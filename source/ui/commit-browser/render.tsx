/**
 * The interactive `commits` run: the token prompt when BITBUCKET_ACCESS_TOKEN is not set,
 * then the browser, full screen on the terminal's alternate screen (like less, tig and
 * lazygit) so the shell's scrollback is left as it was. Resolves with the exit code.
 */
import {render} from 'ink';
import {useState} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {createOpener} from '../../commits/opener.js';
import type {RequestWatch} from '../../commits/request-watch.js';
import type {CommandContext} from '../../core/context.js';
import {type ExitCode, ExitCode as ExitCodes} from '../../core/errors.js';
import type {Services} from '../../services/services.js';
import {type BrowserSession, browserSession} from '../../use-cases/commits/commits.js';
import {colorsEnabled, UiTheme} from '../components/theme.js';
import {CommitBrowser} from './commit-browser.js';
import {enterAlternateScreen, leaveAlternateScreen} from './first-paint.js';
import {TokenScreen} from './token-screen.js';

export type CommitsUiOptions = {
	readonly context: CommandContext;
	readonly services: Services;
	/** The watch on the services' dispatcher. */
	readonly watch: RequestWatch;
	readonly ref: RepoRef;
	readonly branch?: string;
	/** Opened from BITBUCKET_ACCESS_TOKEN before the UI loaded; without it the token is prompted for. */
	readonly session?: BrowserSession;
	/** The first page is on the alternate screen already (first-paint.ts). */
	readonly painted?: boolean;
};

// Ink's first frame replaces the first paint in one synchronized update (Ink ends it): from
// the top, on a cleared screen, as Ink draws its first frame where the cursor is.
const replacePaint = '\u001B[?2026h\u001B[H\u001B[J';

export async function renderCommits(options: CommitsUiOptions): Promise<ExitCode> {
	const {stdout, stdin, stderr, env, signal} = options.context;
	let exitCode: ExitCode = ExitCodes.ok;
	stdout.write(options.painted ? replacePaint : enterAlternateScreen);
	let stop = () => {};
	try {
		const instance = render(
			<UiTheme color={colorsEnabled(env)}>
				<CommitsApp
					options={options}
					onExit={(code) => {
						exitCode = code;
						instance.unmount();
					}}
				/>
			</UiTheme>,
			{
				stdout,
				stdin,
				stderr,
				exitOnCtrlC: false,
				patchConsole: false,
				// Ink's default 30 fps holds a frame that follows an answer (the first page, a
				// diffstat) up to 33 ms behind the one before; a frame of the list costs ~6 ms.
				maxFps: 120,
			},
		);
		// SIGTERM (the CLI's signal), a hang-up, or a terminal that went away end the run too.
		stop = () => {
			exitCode = ExitCodes.interrupted;
			instance.unmount();
		};
		signal.addEventListener('abort', stop, {once: true});
		// A signal that came while the UI loaded (after a first paint, say) ends it at once.
		if (signal.aborted) {
			stop();
		}

		process.once('SIGHUP', stop);
		stdin.once('end', stop);
		stdin.once('error', stop);
		await instance.waitUntilExit();
	} finally {
		signal.removeEventListener('abort', stop);
		process.off('SIGHUP', stop);
		stdin.off('end', stop);
		stdin.off('error', stop);
		stdout.write(leaveAlternateScreen);
	}

	return exitCode;
}

function CommitsApp({
	options,
	onExit,
}: {
	readonly options: CommitsUiOptions;
	readonly onExit: (code: ExitCode) => void;
}) {
	const [session, setSession] = useState(options.session);
	// In by now when the API answered while the UI loaded: the first frame is then that page.
	const [firstPage] = useState(() => options.session?.takeFirstPage());
	const {endpoints} = options.services;
	const [opener] = useState(() => createOpener(options.context.env));
	if (session === undefined) {
		return (
			<TokenScreen
				repoRef={options.ref}
				webUrl={endpoints.gitUrl}
				onToken={(token) => {
					const target = {
						ref: options.ref,
						...(options.branch === undefined ? {} : {branch: options.branch}),
					};
					void browserSession(options.services, options.watch, token, target).then(setSession);
				}}
				onCancel={(reason) => onExit(reason === 'interrupt' ? ExitCodes.interrupted : ExitCodes.ok)}
			/>
		);
	}

	return (
		<CommitBrowser
			client={session.api}
			requestWatch={session.watch}
			repoRef={options.ref}
			gitUrl={endpoints.gitUrl}
			opener={opener}
			onExit={onExit}
			{...(options.branch === undefined ? {} : {branch: options.branch})}
			{...(firstPage === undefined ? {} : {firstPage})}
		/>
	);
}
