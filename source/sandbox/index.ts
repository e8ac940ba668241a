/**
 * The embedded Bitbucket Cloud stand-in (`bbtok-tui/sandbox`): a REST API origin and a git
 * smart-HTTP origin on 127.0.0.1, seeded repositories, access tokens of every kind and
 * injectable faults. `bbtok-tui demo` and the tests use this one implementation.
 */
import {access, mkdtemp, rm} from 'node:fs/promises';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {BbtokError} from '../core/errors.js';
import {type Bot, botOf, type SandboxTokenName, TokenRegistry, tokenNames} from './auth.js';
import {findRepository, type RepositoryRecord} from './catalog.js';
import {FaultState, type Faults} from './faults.js';
import {handleGitRequest} from './git-backend.js';
import {GitRunner} from './git-runner.js';
import {RateLimiter} from './rate-limit.js';
import {createRawTreeRepository, type RawEntry} from './raw-tree.js';
import {RepositoryReader} from './repo-data.js';
import {errorBody} from './responses.js';
import {handleApiRequest, sendJson} from './rest.js';
import {createSeed} from './seed.js';
import {StatusStore, seedDemoStatuses} from './statuses.js';

export type {SandboxTokenName} from './auth.js';
export type {Faults} from './faults.js';
export type {RawEntry} from './raw-tree.js';

export type SandboxOptions = {
	/** The caller's environment: where git is found (PATH); its GIT_* variables are dropped. */
	env: NodeJS.ProcessEnv;
	faults?: Faults;
	/**
	 * Bare repositories served as-is (benchmarks). Private; reached by the tokens whose
	 * reach covers them: workspaceRead for workspace `acme`, projectWrite for project `TOOLS`.
	 */
	extraRepositories?: {workspace: string; slug: string; gitDir: string; project?: string}[];
	/**
	 * Repositories whose one commit has a tree written byte by byte (hostile names, duplicate
	 * entries), reached like extraRepositories.
	 */
	rawTreeRepositories?: {workspace: string; slug: string; entries: readonly RawEntry[]}[];
	/** Requests per hour per token on /2.0/repositories/*; default 1000. */
	rateLimit?: {limit: number};
	/** Build statuses on acme/widget's newest commits, as `demo` shows them. @default false */
	seedStatuses?: boolean;
};

export type SandboxRequest = {
	method: string;
	url: string;
	server: 'api' | 'git';
	/** The request carried an Authorization header (accepted or not). */
	authorized: boolean;
};

export type Sandbox = {
	/** http://127.0.0.1:PORT/2.0 */
	apiUrl: string;
	/** http://127.0.0.1:PORT2, a second origin (like bitbucket.org vs api.bitbucket.org). */
	gitUrl: string;
	/** Fresh random ATCTT3xFfGN0… values per start. */
	tokens: Record<SandboxTokenName, string>;
	/** Each token's bot, `{botid}@bots.bitbucket.org` (fixed, so the seed's hashes are too). */
	botEmails: Record<SandboxTokenName, string>;
	requests: SandboxRequest[];
	/** Replaces the faults; an `api` countdown restarts. */
	setFaults(faults: Faults): void;
	/** Bare repository path, to check pushes with the real git. */
	gitDirOf(workspace: string, slug: string): string;
	close(): Promise<void>;
};

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
	const git = await GitRunner.create(options.env);
	const root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-sandbox-'));
	const servers: Server[] = [];
	let closing: Promise<void> | undefined;
	const close = () => {
		closing ??= (async () => {
			git.killAll();
			await Promise.all(servers.map(closeServer));
			await rm(root, {recursive: true, force: true});
		})();
		return closing;
	};

	try {
		const repositories: RepositoryRecord[] = [
			...(await createSeed(git, root)),
			...(await Promise.all(
				[...(options.extraRepositories ?? []), ...(await rawTrees(git, root, options))].map(
					extraRepository,
				),
			)),
		];
		const registry = new TokenRegistry();
		const faults = new FaultState(options.faults);
		const requests: SandboxRequest[] = [];
		const bots = new Map<string, Bot>(tokenNames.map((name) => [botOf(name).email, botOf(name)]));

		const [apiServer, apiOrigin] = await listen();
		servers.push(apiServer);
		const [gitServer, gitUrl] = await listen();
		servers.push(gitServer);

		const basePath = '/2.0';
		const apiUrl = `${apiOrigin}${basePath}`;
		const origins = {apiUrl, gitUrl};
		const reader = new RepositoryReader(git);
		const statuses = new StatusStore();
		const widget = findRepository(repositories, 'acme', 'widget');
		if (options.seedStatuses && widget !== undefined) {
			const tip = await reader.resolveCommit(widget.gitDir, 'main');
			const newest =
				tip === undefined
					? []
					: await reader.commitHashes(widget.gitDir, {include: [tip], exclude: []});
			seedDemoStatuses(statuses, origins, widget, newest.slice(0, 5));
		}

		const apiContext = {
			origins,
			reader,
			statuses,
			repositories,
			bots,
			registry,
			faults,
			rateLimiter: new RateLimiter(options.rateLimit?.limit ?? 1000),
			basePath,
			nextOrigin: () => faults.current.foreignNextOrigin ?? apiOrigin,
		};
		const gitContext = {git, registry, faults, repositories};
		apiServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
			log(requests, 'api', request);
			handleApiRequest(apiContext, request, response).catch((error: unknown) =>
				failApi(response, error),
			);
		});
		gitServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
			log(requests, 'git', request);
			handleGitRequest(gitContext, request, response).catch(() => response.destroy());
		});

		return {
			apiUrl,
			gitUrl,
			tokens: registry.tokens,
			botEmails: registry.botEmails,
			requests,
			setFaults: (next) => faults.set(next),
			gitDirOf(workspace, slug) {
				const repository = findRepository(repositories, workspace, slug);
				if (repository === undefined) {
					throw new Error(`The sandbox has no repository ${workspace}/${slug}.`);
				}

				return repository.gitDir;
			},
			close,
		};
	} catch (error) {
		await close();
		throw error;
	}
}

/** An extra repository as the REST API describes it: private, metadata kept minimal. */
async function rawTrees(git: GitRunner, root: string, options: SandboxOptions) {
	return Promise.all(
		(options.rawTreeRepositories ?? []).map(async ({workspace, slug, entries}) => {
			const gitDir = path.join(root, 'raw', workspace, `${slug}.git`);
			await createRawTreeRepository(git, gitDir, entries);
			return {workspace, slug, gitDir};
		}),
	);
}

async function extraRepository(
	extra: NonNullable<SandboxOptions['extraRepositories']>[number],
): Promise<RepositoryRecord> {
	const gitDir = path.resolve(extra.gitDir);
	try {
		await access(path.join(gitDir, 'HEAD'));
	} catch (error) {
		throw new BbtokError(`extraRepositories: ${gitDir} is not a git repository.`, {
			hint: 'Pass the path of a bare repository (the directory holding HEAD, objects and refs).',
			cause: error,
		});
	}

	return {
		workspace: extra.workspace,
		slug: extra.slug,
		name: extra.slug,
		description: '',
		isPrivate: true,
		...(extra.project === undefined ? {} : {project: extra.project}),
		language: '',
		createdOn: '2024-01-01T00:00:00.000000+00:00',
		uuid: '',
		gitDir,
	};
}

function log(requests: SandboxRequest[], server: 'api' | 'git', request: IncomingMessage): void {
	requests.push({
		method: request.method ?? 'GET',
		url: request.url ?? '/',
		server,
		authorized: request.headers.authorization !== undefined,
	});
}

/** A bug in a handler still answers in Bitbucket's format instead of hanging the client. */
function failApi(response: ServerResponse, error: unknown): void {
	if (response.headersSent) {
		response.destroy();
		return;
	}

	sendJson(
		response,
		500,
		errorBody(`Sandbox failure: ${error instanceof Error ? error.message : String(error)}`),
	);
}

async function listen(): Promise<[Server, string]> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return [server, `http://127.0.0.1:${port}`];
}

/** Stops listening and ends keep-alive sockets, so close() resolves at once. */
async function closeServer(server: Server): Promise<void> {
	const closed = new Promise<void>((resolve) => server.close(() => resolve()));
	server.closeAllConnections();
	await closed;
}
