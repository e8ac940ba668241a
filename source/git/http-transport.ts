/**
 * The HTTP client isomorphic-git talks to the git server through: undici on the shared
 * dispatcher, the token sent up front as Basic `x-token-auth` (never inside a URL),
 * response bodies streamed and counted rather than buffered, and every failure turned
 * into one of bbtok-tui's typed errors with a one-line, redacted message.
 */
import {Buffer} from 'node:buffer';
import {STATUS_CODES} from 'node:http';
import {Readable} from 'node:stream';
import type {GitHttpRequest, GitHttpResponse, HttpClient} from 'isomorphic-git';
import type {Dispatcher} from 'undici';
import {request} from '../bitbucket/undici.js';
import {
	AuthError,
	BbtokError,
	InterruptedError,
	NetworkError,
	NotFoundError,
} from '../core/errors.js';
import {redact} from '../core/redaction.js';

export type GitHttpOptions = {
	readonly token: string;
	/** The run's connection stack (createDispatcher: proxies, timeouts), closed by the command. */
	readonly dispatcher: Dispatcher;
	/** Running total of response body bytes received through this client. */
	readonly onBytes?: (total: number) => void;
	/**
	 * Aborts requests and response bodies. isomorphic-git's clone and fetch take no signal,
	 * so the transport is where an abort reaches them.
	 */
	readonly signal?: AbortSignal;
	/** Told about every typed failure, even one that isomorphic-git later swallows or rewraps. */
	readonly onFailure?: (error: BbtokError) => void;
};

/** isomorphic-git hands POST bodies over as Uint8Array[] (despite its types) or, for push, an async iterable. */
type RequestBody = readonly Uint8Array[] | AsyncIterable<Uint8Array>;

/** The biggest error body read to explain a refusal; git servers answer errors with a line or two. */
const errorBodyLimit = 64 * 1024;

export function createGitHttp(options: GitHttpOptions): HttpClient {
	const authorization = `Basic ${Buffer.from(`x-token-auth:${options.token}`).toString('base64')}`;
	let received = 0;
	const countBytes = (count: number) => {
		received += count;
		options.onBytes?.(received);
	};

	const fail = (error: BbtokError): BbtokError => {
		options.onFailure?.(error);
		return error;
	};

	return {
		async request(gitRequest: GitHttpRequest): Promise<GitHttpResponse> {
			const {url, method = 'GET'} = gitRequest;
			const target = describeTarget(url);
			const signal = options.signal;
			let response: Dispatcher.ResponseData;
			try {
				signal?.throwIfAborted();
				response = await request(url, {
					method: method as Dispatcher.HttpMethod,
					headers: {...withoutAuthorization(gitRequest.headers), authorization},
					body: toUndiciBody(gitRequest.body as RequestBody | undefined),
					dispatcher: options.dispatcher,
					signal,
				});
			} catch (error) {
				throw fail(transportError(error, target, signal));
			}

			if (response.statusCode < 200 || response.statusCode >= 300) {
				const text = await readErrorBody(response.body);
				throw fail(statusError(response.statusCode, text, target));
			}

			return {
				url,
				method,
				statusCode: response.statusCode,
				statusMessage: response.statusText || STATUS_CODES[response.statusCode] || '',
				headers: flattenHeaders(response.headers),
				body: countedBody(response.body, {target, signal, countBytes, fail}),
			};
		},
	};
}

/** What a message names: the repository URL without the smart-HTTP suffix, and which service was asked. */
type Target = {repository: string; origin: string; push: boolean};

function describeTarget(url: string): Target {
	const parsed = new URL(url);
	const push =
		parsed.searchParams.get('service') === 'git-receive-pack' ||
		parsed.pathname.endsWith('/git-receive-pack');
	const repositoryPath = parsed.pathname.replace(
		/\/(info\/refs|git-upload-pack|git-receive-pack)$/,
		'',
	);
	return {repository: redact(`${parsed.origin}${repositoryPath}`), origin: parsed.origin, push};
}

function withoutAuthorization(headers: Record<string, string> = {}): Record<string, string> {
	return Object.fromEntries(
		Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'),
	);
}

function toUndiciBody(body: RequestBody | undefined): Buffer | Readable | undefined {
	if (body === undefined) {
		return undefined;
	}

	// One buffer gives the request a Content-Length, which some git servers insist on.
	if (Array.isArray(body)) {
		return Buffer.concat(body as Uint8Array[]);
	}

	return Readable.from(body as AsyncIterable<Uint8Array>, {objectMode: false});
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) {
			flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
	}

	return flat;
}

async function* countedBody(
	body: Dispatcher.ResponseData['body'],
	context: {
		target: Target;
		signal: AbortSignal | undefined;
		countBytes: (count: number) => void;
		fail: (error: BbtokError) => BbtokError;
	},
): AsyncGenerator<Uint8Array, void, undefined> {
	let bytes = 0;
	try {
		for await (const chunk of body as AsyncIterable<Buffer>) {
			context.signal?.throwIfAborted();
			bytes += chunk.byteLength;
			context.countBytes(chunk.byteLength);
			yield chunk;
		}
	} catch (error) {
		throw context.fail(transportError(error, context.target, context.signal, bytes));
	} finally {
		// A consumer that stops early must not leave the socket half-read.
		if (!body.readableEnded) {
			body.destroy();
		}
	}
}

async function readErrorBody(body: Dispatcher.ResponseData['body']): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body as AsyncIterable<Buffer>) {
			chunks.push(chunk);
			size += chunk.byteLength;
			if (size >= errorBodyLimit) {
				break;
			}
		}
	} catch {
		// The status alone explains the failure; a broken error body adds nothing.
	} finally {
		body.destroy();
	}

	return Buffer.concat(chunks).subarray(0, errorBodyLimit).toString('utf8');
}

function statusError(status: number, bodyText: string, target: Target): BbtokError {
	const {repository, push} = target;
	if (status === 401) {
		return new AuthError(`The git server rejected the token for ${repository} (HTTP 401).`, {
			reason: 'rejected',
			hint: 'The token may be revoked, expired or mistyped: create a new access token and try again.',
		});
	}

	if (status === 403) {
		const detail = scopeDetail(bodyText);
		const required = detail.required ?? [push ? 'repository:write' : 'repository'];
		return new AuthError(
			`The token lacks the ${required.join(', ')} scope needed to ${push ? 'push to' : 'clone'} ${repository} (HTTP 403).`,
			{
				reason: 'scope',
				required,
				...(detail.granted ? {granted: detail.granted} : {}),
				hint: `Create an access token with the ${required.join(' and ')} scope${required.length > 1 ? 's' : ''}.`,
			},
		);
	}

	if (status === 404) {
		return new NotFoundError(
			`${repository} was not found, or this token cannot see it (HTTP 404).`,
			{
				hint: 'Check the workspace and repository names; a repository access token reaches only its own repository.',
			},
		);
	}

	if (status === 429 || status >= 500) {
		return new NetworkError(`The git server answered HTTP ${status} for ${repository}.`, {
			hint: 'The server is busy or failing; try again in a moment.',
		});
	}

	return new BbtokError(`The git server answered an unexpected HTTP ${status} for ${repository}.`, {
		hint: 'Check --git-url (or BBTOK_GIT_URL): it must point at a Bitbucket git host.',
	});
}

/** Bitbucket's 403 body: `{"error": {"detail": {"required": [...], "granted": [...]}}}`. */
function scopeDetail(bodyText: string): {required?: string[]; granted?: string[]} {
	try {
		const detail = (JSON.parse(bodyText) as {error?: {detail?: Record<string, unknown>}}).error
			?.detail;
		return {required: stringList(detail?.required), granted: stringList(detail?.granted)};
	} catch {
		return {};
	}
}

function stringList(value: unknown): string[] | undefined {
	return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')
		? value
		: undefined;
}

/** Maps anything undici throws (or an abort) to a typed error; `bytes` says whether a body was under way. */
function transportError(
	error: unknown,
	target: Target,
	signal: AbortSignal | undefined,
	bytes?: number,
): BbtokError {
	if (signal?.aborted) {
		return new InterruptedError('Interrupted.', {cause: error});
	}

	if (error instanceof BbtokError) {
		return error;
	}

	const reason = networkReason(error);
	const message =
		bytes === undefined
			? `Could not reach ${target.origin}: ${reason}.`
			: `The connection to ${target.origin} broke after ${bytes} bytes: ${reason}.`;
	return new NetworkError(redact(message), {
		cause: error,
		hint: 'Check your connection and proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), then try again.',
	});
}

function networkReason(error: unknown): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	switch (code) {
		case 'ECONNREFUSED': {
			return 'connection refused';
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return 'host not found';
		}

		case 'UND_ERR_CONNECT_TIMEOUT':
		case 'ETIMEDOUT': {
			return 'connection timed out';
		}

		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT': {
			return 'the server stopped responding';
		}

		case 'UND_ERR_SOCKET':
		case 'ECONNRESET':
		case 'EPIPE': {
			return 'the connection was closed unexpectedly';
		}

		default: {
			const text = error instanceof Error ? error.message : String(error);
			return text.split('\n', 1)[0]!.trim() || 'unknown network error';
		}
	}
}
