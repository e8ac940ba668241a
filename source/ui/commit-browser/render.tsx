/**
 * The interactive `commits` run: the token prompt when BITBUCKET_ACCESS_TOKEN is not set,
 * then the browser, full screen on the terminal's alternate screen (like less, tig and
 * lazygit) so the shell's scrollback is left as it was. Resolves with the exit code.
 */
import {render} from 'ink';
import {useState} from 'react';
import {BitbucketClient} from '../../bitbucket/client.js';
import type {Endpoints} from '../../bitbucket/endpoints.js';
import {createDispatcher} from '../../bitbucket/http.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommandContext} from '../../commands/context.js';
import {RequestWatch} from '../../commits/request-watch.js';
import {type ExitCode, ExitCode as ExitCodes} from '../../errors.js';
import {colorsEnabled, UiTheme} from '../components/theme.js';
import {CommitBrowser} from './commit-browser.js';
import {TokenPrompt} from './token-prompt.js';

export type CommitsUiOptions = {
	readonly context: CommandContext;
	readonly endpoints: Endpoints;
	readonly ref: RepoRef;
	readonly branch?: string;
	/** BITBUCKET_ACCESS_TOKEN, normalised; without it the token is prompted for. */
	readonly token?: string;
};

const enterAlternateScreen = '\u001B[?1049h';
const leaveAlternateScreen = '\u001B[?1049l';

export async function renderCommits(options: CommitsUiOptions): Promise<ExitCode> {
	const {stdout, stdin, stderr, env} = options.context;
	let exitCode: ExitCode = ExitCodes.ok;
	stdout.write(enterAlternateScreen);
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
			{stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: false},
		);
		await instance.waitUntilExit();
	} finally {
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
	const [session, setSession] = useState(() =>
		options.token === undefined ? undefined : connect(options, options.token),
	);
	if (session === undefined) {
		return (
			<TokenPrompt
				repoRef={options.ref}
				onToken={(token) => setSession(connect(options, token))}
				onCancel={(reason) => onExit(reason === 'interrupt' ? ExitCodes.interrupted : ExitCodes.ok)}
			/>
		);
	}

	return (
		<CommitBrowser
			client={session.client}
			requestWatch={session.watch}
			repoRef={options.ref}
			gitUrl={options.endpoints.gitUrl}
			onExit={onExit}
			{...(options.branch === undefined ? {} : {branch: options.branch})}
		/>
	);
}

function connect(
	options: CommitsUiOptions,
	token: string,
): {client: BitbucketClient; watch: RequestWatch} {
	const watch = new RequestWatch();
	const client = new BitbucketClient({
		apiUrl: options.endpoints.apiUrl,
		token,
		dispatcher: watch.wrap(createDispatcher({env: options.context.env})),
	});
	return {client, watch};
}
