/**
 * The git origin: smart HTTP served by the real `git http-backend` (CGI), behind
 * Bitbucket's rules for access tokens: Basic `x-token-auth:<token>`, `repository` to
 * fetch, `repository:write` to push, 404 for a repository the token cannot see.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import path from 'node:path';
import {pipeline} from 'node:stream/promises';
import {type Caller, hasScope, reaches, type TokenRegistry} from './auth.js';
import {findRepository, type RepositoryRecord} from './catalog.js';
import {CgiResponse, CutAfter} from './cgi-stream.js';
import {CorruptPackAt} from './corrupt-pack.js';
import type {FaultState} from './faults.js';
import type {GitRunner} from './git-runner.js';
import {errorBody} from './responses.js';
import {sendWebPage} from './web-pages.js';

export type GitServerContext = {
	git: GitRunner;
	registry: TokenRegistry;
	faults: FaultState;
	repositories: readonly RepositoryRecord[];
};

/** `/{workspace}/{slug}[.git]/{rest}`: rest is what http-backend serves (info/refs, git-upload-pack, …). */
const gitPath =
	/^\/([^/]+)\/([^/]+?)(?:\.git)?(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.+))$/;

/** `/{workspace}/{slug}[/page]`: the repository's web pages (links.html of the API). */
const webPath = /^\/([^/]+)\/([^/]+)(\/.*)?$/;

export async function handleGitRequest(
	context: GitServerContext,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	await context.faults.delay();
	const url = new URL(request.url ?? '/', 'http://git.invalid');
	const match = gitPath.exec(url.pathname);
	if (match === null) {
		const web = webPath.exec(url.pathname);
		const repository = web && findRepository(context.repositories, web[1] ?? '', web[2] ?? '');
		if (request.method === 'GET' && repository) {
			sendWebPage(response, repository, web?.[3] ?? '', context.registry.grants);
		} else {
			sendText(response, 404, 'Not Found');
		}

		return;
	}

	const [, workspace = '', slug = '', rest = ''] = match;
	const repository = findRepository(context.repositories, workspace, slug);
	const push =
		rest === '/git-receive-pack' || url.searchParams.get('service') === 'git-receive-pack';
	const caller = context.registry.fromBasic(request.headers.authorization);
	const refusal = refuse(caller, repository, push);
	if (refusal !== undefined || repository === undefined) {
		const {status, message, headers} = refusal ?? notFound;
		sendText(response, status, message, headers);
		return;
	}

	await runBackend(context, request, response, {
		repository,
		rest,
		query: url.search.slice(1),
		user: caller.kind === 'token' ? caller.grant.bot.name : '',
		...(rest === '/git-upload-pack' && request.method === 'POST'
			? {
					cutAfterBytes: context.faults.current.cutPackAfterBytes,
					corruptPackAt: context.faults.current.corruptPackAt,
				}
			: {}),
	});
}

type Refusal = {status: number; message: string; headers?: Record<string, string>};

const notFound: Refusal = {status: 404, message: 'Repository not found'};
const challenge = {'WWW-Authenticate': 'Basic realm="Bitbucket"'};

function refuse(
	caller: Caller,
	repository: RepositoryRecord | undefined,
	push: boolean,
): Refusal | undefined {
	if (caller.kind === 'rejected') {
		return {status: 401, message: 'Invalid credentials', headers: challenge};
	}

	// Public repositories can be fetched anonymously; everything else asks for credentials first.
	if (caller.kind === 'anonymous') {
		return repository?.isPrivate === false && !push
			? undefined
			: {status: 401, message: 'Authentication required', headers: challenge};
	}

	if (repository === undefined || (repository.isPrivate && !reaches(caller.grant, repository))) {
		return notFound;
	}

	const required = push ? 'repository:write' : 'repository';
	if (push && !reaches(caller.grant, repository)) {
		return {
			status: 403,
			message: 'This token can read this public repository but not write to it.',
		};
	}

	if (!hasScope(caller.grant, required)) {
		// The REST API's 403 body, so a client can read `detail.required` from either origin.
		return {
			status: 403,
			message: JSON.stringify(
				errorBody('Your credentials lack one or more required privilege scopes.', {
					granted: [...caller.grant.scopes],
					required: [required],
				}),
			),
			headers: {'Content-Type': 'application/json; charset=utf-8'},
		};
	}

	return undefined;
}

async function runBackend(
	context: GitServerContext,
	request: IncomingMessage,
	response: ServerResponse,
	options: {
		repository: RepositoryRecord;
		rest: string;
		query: string;
		user: string;
		cutAfterBytes?: number | undefined;
		corruptPackAt?: number | undefined;
	},
): Promise<void> {
	const {gitDir} = options.repository;
	const header = (name: string) => {
		const value = request.headers[name];
		return typeof value === 'string' ? value : '';
	};
	const child = context.git.spawn(context.git.httpBackendPath, [], {
		env: {
			GIT_PROJECT_ROOT: path.dirname(gitDir),
			GIT_HTTP_EXPORT_ALL: '1',
			PATH_INFO: `/${path.basename(gitDir)}${options.rest}`,
			QUERY_STRING: options.query,
			REQUEST_METHOD: request.method ?? 'GET',
			CONTENT_TYPE: header('content-type'),
			...(request.headers['content-length'] === undefined
				? {}
				: {CONTENT_LENGTH: header('content-length')}),
			REMOTE_USER: options.user,
			REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
			GIT_PROTOCOL: header('git-protocol'),
			HTTP_CONTENT_ENCODING: header('content-encoding'),
			// Extra repositories are served as-is: enable pushes without touching their config.
			GIT_CONFIG_COUNT: '1',
			GIT_CONFIG_KEY_0: 'http.receivepack',
			GIT_CONFIG_VALUE_0: 'true',
		},
	});
	const {stdin, stdout, stderr} = child;
	if (stdin === null || stdout === null || stderr === null) {
		throw new Error('git http-backend started without pipes.');
	}

	stderr.resume();
	pipeline(request, stdin).catch(() => {
		// The backend may stop reading early (an error it reports on stdout); nothing to add.
	});
	const cgi = new CgiResponse(response);
	const {cutAfterBytes, corruptPackAt} = options;
	const faults = [
		...(corruptPackAt === undefined ? [] : [new CorruptPackAt(corruptPackAt)]),
		...(cutAfterBytes === undefined
			? []
			: [new CutAfter(cutAfterBytes, () => response.socket?.destroy())]),
	];
	try {
		await pipeline([stdout, cgi, ...faults, response]);
	} catch {
		child.kill('SIGKILL');
		if (!response.headersSent) {
			sendText(response, 500, 'git http-backend failed');
		} else {
			response.destroy();
		}
	}
}

function sendText(
	response: ServerResponse,
	status: number,
	message: string,
	headers: Record<string, string> = {},
): void {
	response
		.writeHead(status, {'Content-Type': 'text/plain; charset=utf-8', ...headers})
		.end(`${message}\n`);
}
