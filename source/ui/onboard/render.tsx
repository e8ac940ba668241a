/**
 * The interactive onboarding run: renders the wizard with Ink on the command's streams
 * (Ctrl+C is a key the wizard handles, so a running clone can clean up first) and resolves
 * with the exit code once Ink has unmounted. The wizard's last screen stays on the terminal.
 */
import {render} from 'ink';
import type {Dispatcher} from 'undici';
import type {Endpoints} from '../../bitbucket/endpoints.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommandContext} from '../../core/context.js';
import {ExitCode} from '../../core/errors.js';
import {
	type ConfiguredHelper,
	helpersFor,
	requireSafeHelper,
	safeHelper,
} from '../../git/credential-helper.js';
import {normalizeBotEmail} from '../../onboard/bot-email.js';
import type {Settings} from '../../settings/store.js';
import {colorsEnabled, UiTheme} from '../components/theme.js';
import {type DemoInfo, Wizard} from './wizard.js';
import type {Defaults} from './wizard-state.js';

export type OnboardUiOptions = {
	readonly context: CommandContext;
	readonly endpoints: Endpoints;
	/** The REPO argument: skips the repository step. */
	readonly initialRef?: RepoRef;
	/** BITBUCKET_ACCESS_TOKEN, normalised: the token step offers it. */
	readonly envToken?: string;
	readonly settings: Settings;
	readonly settingsWarning?: string;
	/** `bbtok-tui demo`: the sandbox's token and bot email are shown, with a one-line note. */
	readonly demo?: DemoInfo;
};

/** Throws UsageError for a malformed --bot-email before anything is drawn. */
export async function renderOnboard(options: OnboardUiOptions): Promise<ExitCode> {
	const {context, settings} = options;
	const {flags} = context;
	const helper = await configuredHelper(context, options.endpoints.gitUrl);
	const defaults = defaultsOf(context, settings, helper !== undefined);
	let created: Promise<Dispatcher> | undefined;
	const dispatcher = () => {
		created ??= import('../../bitbucket/http.js').then(({createDispatcher}) =>
			createDispatcher({env: context.env}),
		);
		return created;
	};
	let exitCode: ExitCode = ExitCode.interrupted;
	try {
		const instance = render(
			<UiTheme color={colorsEnabled(context.env)}>
				<Wizard
					services={{
						endpoints: options.endpoints,
						settings,
						dispatcher,
						cwd: context.cwd,
						env: context.env,
						...(helper ? {helper} : {}),
					}}
					defaults={defaults}
					acceptDefaults={flags.yes}
					signal={context.signal}
					onExit={(code) => {
						exitCode = code;
						instance.unmount();
					}}
					{...(options.initialRef ? {initialRef: options.initialRef} : {})}
					{...(options.envToken ? {envToken: options.envToken} : {})}
					{...(options.settingsWarning ? {settingsWarning: options.settingsWarning} : {})}
					{...(options.demo ? {demo: options.demo} : {})}
				/>
			</UiTheme>,
			{
				stdout: context.stdout,
				stdin: context.stdin,
				stderr: context.stderr,
				exitOnCtrlC: false,
				patchConsole: false,
			},
		);
		await instance.waitUntilExit();
	} finally {
		// Keep-alive sockets would hold the process open after the last screen.
		await created?.then((made) => made.destroy()).catch(() => undefined);
	}

	return exitCode;
}

/** Flags first, then the preferences remembered from earlier runs. */
export function defaultsOf(
	context: Pick<CommandContext, 'flags'>,
	settings: Settings,
	helperAvailable = false,
): Defaults {
	const {flags} = context;
	const preferences = settings.preferences();
	const depth = flags.depth ?? preferences.depth;
	const remembered =
		preferences.auth === 'helper' && !helperAvailable ? undefined : preferences.auth;
	return {
		auth: flags.auth ?? remembered ?? (helperAvailable ? 'helper' : 'prompt'),
		...(flags.dir === undefined ? {} : {dir: flags.dir}),
		...(flags.branch === undefined ? {} : {branch: flags.branch}),
		...(depth === undefined ? {} : {depth}),
		...(flags.botEmail === undefined ? {} : {botEmail: normalizeBotEmail(flags.botEmail)}),
	};
}

/**
 * The helper `helper` mode would use, asked of git before the first frame (a few ms). With
 * --auth helper and none configured, the run stops here (exit 2) before anything is asked.
 */
async function configuredHelper(
	context: CommandContext,
	gitUrl: string,
): Promise<ConfiguredHelper | undefined> {
	const run = {env: context.env, cwd: context.cwd};
	const host = `${gitUrl.replace(/\/+$/, '')}/`;
	if (context.flags.auth === 'helper') {
		return requireSafeHelper(run, host, {withLocal: false, platform: process.platform});
	}

	// Without git there is no helper to offer; prompt and embed need none.
	return helpersFor(run, host, {withLocal: false}).then(safeHelper, () => undefined);
}
