/** What the wizard is given, shared by the wizard and the step screen it renders. */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Opener} from '../../commits/opener.js';
import type {ExitCode} from '../../core/errors.js';
import type {ConfiguredHelper} from '../../git/credential-helper.js';
import type {Services} from '../../services/services.js';
import type {Settings} from '../../settings/store.js';
import type {Defaults} from '../../use-cases/onboard/rules.js';

export type DemoInfo = {
	readonly token: string;
	readonly botEmail: string;
	/** One line explaining the embedded sandbox. */
	readonly note: string;
};

export type WizardProps = {
	/** The run's endpoints, connection stack and API clients; the command closes them. */
	readonly services: Services;
	/** Opened before the first frame: the repository step lists the recent ones. */
	readonly settings: Settings;
	/** The REPO argument: the repository step is skipped. */
	readonly initialRef?: RepoRef;
	/** BITBUCKET_ACCESS_TOKEN, checked. */
	readonly envToken?: string;
	readonly defaults: Defaults;
	/** `--yes`. */
	readonly acceptDefaults?: boolean;
	readonly settingsWarning?: string;
	readonly demo?: DemoInfo;
	/** Aborted on SIGTERM/SIGINT delivered as signals: treated like Ctrl+C. */
	readonly signal?: AbortSignal;
	/** The credential helper helper mode hands the token to, when a safe one is configured. */
	readonly helper?: ConfiguredHelper;
	/** Opens a commit's page from the summary's commit list. @default none: the URL is shown */
	readonly opener?: Opener;
	/** Called once with the exit code when the wizard ends. */
	readonly onExit: (code: ExitCode) => void;
};
