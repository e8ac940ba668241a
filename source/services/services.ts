/**
 * What one run of a command reaches the outside world with, built once by the command from
 * its context: where to connect (flags over variables), the settings, one connection stack
 * and one REST client per token. Everything is made on first use (so a first frame never
 * waits for undici to load) and closed together by `close`, in the command's `finally`.
 * Below this, nothing reads the environment: the use cases and the domain get these.
 */
import type {Dispatcher} from 'undici';
import type {BitbucketClient} from '../bitbucket/client.js';
import {type Endpoints, resolveEndpoints} from '../bitbucket/endpoints.js';
import type {CommandContext} from '../core/context.js';
import type {Settings} from '../settings/store.js';

export type OpenedSettings = {readonly settings: Settings; readonly warning?: string};

export type Services = {
	readonly endpoints: Endpoints;
	/** Where relative paths (clone targets, PATH arguments) start. */
	readonly cwd: string;
	/** The environment git runs with (a credential helper needs HOME and its agent's variables). */
	readonly env: NodeJS.ProcessEnv;
	/**
	 * The settings file, opened (and conf loaded) on the first call; a broken file is a
	 * warning, never a failure.
	 */
	settings(): Promise<OpenedSettings>;
	/** The run's one connection stack (proxies, timeouts), created on the first call. */
	dispatcher(): Promise<Dispatcher>;
	/** The REST client for `token`, on the run's dispatcher; one per token. */
	api(token: string): Promise<BitbucketClient>;
	/** Closes what was created; keep-alive sockets would hold the process open for seconds. */
	close(): Promise<void>;
};

export type ServiceOverrides = {
	/** The demo's sandbox instead of the flags and variables. */
	readonly endpoints?: Endpoints;
	/** Settings that are not the user's file (the demo's, kept in memory). */
	readonly settings?: Settings;
	/**
	 * Layers put over the connection stack before any client uses it (the browser's
	 * RequestWatch); `close` still closes the stack underneath.
	 */
	readonly wrapDispatcher?: (dispatcher: Dispatcher) => Dispatcher;
};

/** What services are made from: a command's context, or a test's stand-in for one. */
export type ServiceContext = {
	readonly flags: Pick<CommandContext['flags'], 'apiUrl' | 'gitUrl'>;
	readonly env: NodeJS.ProcessEnv;
	readonly cwd: string;
};

export function createServices(
	context: ServiceContext,
	overrides: ServiceOverrides = {},
): Services {
	const endpoints = overrides.endpoints ?? resolveEndpoints(context.flags, context.env);
	let opened: Promise<OpenedSettings> | undefined = overrides.settings
		? Promise.resolve({settings: overrides.settings})
		: undefined;
	let base: Promise<Dispatcher> | undefined;
	let dispatcher: Promise<Dispatcher> | undefined;
	const clients = new Map<string, Promise<BitbucketClient>>();
	const services: Services = {
		endpoints,
		cwd: context.cwd,
		env: context.env,
		settings() {
			opened ??= import('../settings/store.js').then(({openSettings}) => openSettings(context.env));
			return opened;
		},
		dispatcher() {
			base ??= import('../bitbucket/http.js').then(({createDispatcher}) =>
				createDispatcher({env: context.env}),
			);
			const {wrapDispatcher} = overrides;
			dispatcher ??= wrapDispatcher === undefined ? base : base.then(wrapDispatcher);
			return dispatcher;
		},
		api(token) {
			let client = clients.get(token);
			if (client === undefined) {
				client = Promise.all([import('../bitbucket/client.js'), services.dispatcher()]).then(
					([{BitbucketClient}, made]) =>
						new BitbucketClient({
							apiUrl: endpoints.apiUrl,
							webUrl: endpoints.gitUrl,
							token,
							dispatcher: made,
						}),
				);
				clients.set(token, client);
			}

			return client;
		},
		async close() {
			await base?.then((made) => made.destroy()).catch(() => undefined);
		},
	};
	return services;
}

/** Runs `use` with a run's services and closes them on every way out. */
export async function withServices<T>(
	context: ServiceContext,
	use: (services: Services) => Promise<T>,
	overrides: ServiceOverrides = {},
): Promise<T> {
	const services = createServices(context, overrides);
	try {
		return await use(services);
	} finally {
		await services.close();
	}
}
