/**
 * The HTTP client isomorphic-git talks to the git server through: undici on the shared
 * dispatcher, the token sent up front as Basic `x-token-auth` (never inside a URL),
 * response bodies streamed and counted rather than buffered, and every failure turned
 * into one of bbtok-tui's typed errors (http-failures.ts) with a one-line, redacted message.
 */
import {Buffer} from 'node:buffer';
import {STATUS_CODES} from 'node:http';
import {Readable} from 'node:stream';
import type {GitHttpRequest, GitHttpResponse, HttpClient} from 'isomorphic-git';
import type {Dispatcher} from 'undici';
import {request} from '../bitbucket/undici.js';
import type {BbtokError} from '../core/errors.js';
import {describeTarget, statusError, type Target, transportError} from './http-failures.js';

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
