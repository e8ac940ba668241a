/**
 * What the wizard's hooks need to reach the outside world, created once per run by
 * renderOnboard: endpoints, the settings store, the shared HTTP dispatcher and the working
 * directory that relative clone targets start from.
 */
import type {Dispatcher} from 'undici';
import type {Endpoints} from '../../bitbucket/endpoints.js';
import type {Settings} from '../../settings/store.js';

export type WizardServices = {
	readonly endpoints: Endpoints;
	readonly settings: Settings;
	readonly dispatcher: Dispatcher;
	readonly cwd: string;
};
