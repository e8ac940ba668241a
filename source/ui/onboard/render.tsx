/**
 * The interactive onboarding run: renders the wizard with Ink on the command's streams
 * (Ctrl+C is a key the wizard handles, so a running clone can clean up first) and resolves
 * with the exit code once Ink has unmounted. The wizard's last screen stays on the terminal.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {createOpener} from '../../commits/opener.js';
import type {CommandContext} from '../../core/context.js';
import type {ExitCode} from '../../core/errors.js';
import type {Services} from '../../services/services.js';
import type {Settings} from '../../settings/store.js';
import {onboardDefaults} from '../../use-cases/onboard/rules.js';
import {helperStep} from '../../use-cases/onboard/steps.js';
import {runScreen} from '../components/run-screen.js';
import {type DemoInfo, Wizard} from './wizard.js';

export type OnboardUiOptions = {
	readonly context: CommandContext;
	/** The run's services; the command closes them after the last frame. */
	readonly services: Services;
	readonly settings: Settings;
	/** The REPO argument: skips the repository step. */
	readonly initialRef?: RepoRef;
	/** BITBUCKET_ACCESS_TOKEN, checked: the token step offers it. */
	readonly envToken?: string;
	readonly settingsWarning?: string;
	/** `bbtok-tui demo`: the sandbox's token and bot email are shown, with a one-line note. */
	readonly demo?: DemoInfo;
};

/** Throws UsageError for a malformed --bot-email before anything is drawn. */
export async function renderOnboard(options: OnboardUiOptions): Promise<ExitCode> {
	const {context, services, settings} = options;
	const {flags} = context;
	// The repository is not known yet: the helper answering for the whole host is the one offered.
	const helper = await helperStep(services, {
		url: `${services.endpoints.gitUrl.replace(/\/+$/, '')}/`,
		required: flags.auth === 'helper',
	});
	const defaults = onboardDefaults(flags, settings.preferences(), {
		helperAvailable: helper !== undefined,
	});
	return runScreen(
		context,
		(onExit) => (
			<Wizard
				services={services}
				settings={settings}
				opener={createOpener(context.env)}
				defaults={defaults}
				acceptDefaults={flags.yes}
				signal={context.signal}
				onExit={onExit}
				{...(options.initialRef ? {initialRef: options.initialRef} : {})}
				{...(options.envToken ? {envToken: options.envToken} : {})}
				{...(options.settingsWarning ? {settingsWarning: options.settingsWarning} : {})}
				{...(options.demo ? {demo: options.demo} : {})}
				{...(helper ? {helper} : {})}
			/>
		),
		{unmountOnExit: true},
	);
}
