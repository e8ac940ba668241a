/**
 * What the wizard's hooks need to reach the outside world, created once per run by
 * renderOnboard: endpoints, the settings store, the shared HTTP dispatcher and the working
 * directory that relative clone targets start from. The dispatcher is made on first use, so
 * the first frame does not wait for undici to load.
 */
import type {Dispatcher} from 'undici';
import type {Endpoints} from '../../bitbucket/endpoints.js';
import type {ConfiguredHelper} from '../../git/credential-helper.js';
import type {Settings} from '../../settings/store.js';

export type WizardServices = {
	readonly endpoints: Endpoints;
	readonly settings: Settings;
	/** The one dispatcher of the run, created (and undici loaded) on the first call. */
	readonly dispatcher: () => Promise<Dispatcher>;
	readonly cwd: string;
	/** The credential helper `--auth helper` hands the token to, when one that is not plain text is configured. */
	readonly helper?: ConfiguredHelper;
	/** The environment git runs with (the credential helper needs HOME and its agent's variables). */
	readonly env: NodeJS.ProcessEnv;
};
