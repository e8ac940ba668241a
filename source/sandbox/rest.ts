/**
 * The API origin's request pipeline, in the order a real gateway applies it: latency,
 * injected redirect or error, credentials, rate limit, then the route. Every answer is
 * JSON in Bitbucket's format.
 */
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Caller, TokenRegistry} from './auth.js';
import type {FaultState} from './faults.js';
import {ApiError} from './pagination.js';
import type {RateLimiter} from './rate-limit.js';
import {errorBody} from './responses.js';
import {type ApiContext, routeRepositories} from './rest-routes.js';

export type ApiServerContext = ApiContext & {
	registry: TokenRegistry;
	faults: FaultState;
	rateLimiter: RateLimiter;
	/** Path prefix of the API (`/2.0`). */
	basePath: string;
};

const invalidToken = 'Token is invalid, expired, or not supported for this endpoint.';
const rateLimited = 'Rate limit for this resource has been exceeded.';
const serverErrors: Record<number, string> = {
	429: rateLimited,
	500: 'Something went wrong on our side. Please try again later.',
	502: 'Bad Gateway',
	503: 'Service Unavailable: Bitbucket is temporarily unable to handle the request.',
	504: 'Gateway Timeout',
};

export async function handleApiRequest(
	context: ApiServerContext,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	await context.faults.delay();
	const url = new URL(request.url ?? '/', context.origins.apiUrl);
	const {redirectApiTo} = context.faults.current;
	if (redirectApiTo !== undefined) {
		response.writeHead(302, {Location: `${redirectApiTo}${url.pathname}${url.search}`}).end();
		return;
	}

	const injected = context.faults.takeApiError(url.pathname);
	if (injected !== undefined) {
		const headers: Record<string, string> =
			injected.retryAfterSeconds === undefined
				? {}
				: {'Retry-After': String(injected.retryAfterSeconds)};
		sendJson(
			response,
			injected.status,
			errorBody(serverErrors[injected.status] ?? 'Error'),
			headers,
		);
		return;
	}

	let rateHeaders: Record<string, string> = {};
	try {
		const method = request.method ?? '';
		if (!['GET', 'HEAD', 'POST'].includes(method)) {
			throw new ApiError(405, errorBody(`Method ${method} is not supported by this sandbox.`));
		}

		const segments = routeSegments(url.pathname, context.basePath);
		const caller = context.registry.fromBearer(request.headers.authorization);
		if (caller.kind === 'rejected') {
			throw new ApiError(401, errorBody(invalidToken));
		}

		setCredentialHeaders(response, caller);

		if (segments[0] === 'repositories') {
			const key =
				caller.kind === 'token' ? caller.token : `anonymous:${request.socket.remoteAddress ?? ''}`;
			const verdict = context.rateLimiter.take(key);
			rateHeaders = verdict.headers;
			if (verdict.exhaustedFor !== undefined) {
				throw new ApiError(429, errorBody(rateLimited), {
					'Retry-After': String(verdict.exhaustedFor),
				});
			}

			const call = {method, url, body: method === 'POST' ? await readJson(request) : undefined};
			const answer = await routeRepositories(context, caller, segments.slice(1), call);
			sendJson(response, method === 'POST' ? 201 : 200, answer, rateHeaders);
			return;
		}

		if (method === 'POST') {
			throw new ApiError(405, errorBody(`Method POST is not supported on ${url.pathname}.`));
		}

		if (segments.length === 1 && segments[0] === 'user') {
			// Access tokens belong to a bot, not a user: Bitbucket refuses them here.
			throw new ApiError(401, errorBody(invalidToken));
		}

		throw ApiError.notFound('Resource not found');
	} catch (error) {
		if (error instanceof ApiError) {
			sendJson(response, error.status, error.body, {...rateHeaders, ...error.headers});
			return;
		}

		throw error;
	}
}

/**
 * Bitbucket names the token's kind and scopes on every answer to it (`status` reads them;
 * a client can tell what it may ask for).
 */
const credentialTypes = {
	repository: 'repo_access_token',
	project: 'project_access_token',
	workspace: 'workspace_access_token',
} as const;

function setCredentialHeaders(response: ServerResponse, caller: Caller): void {
	if (caller.kind === 'token') {
		response.setHeader('x-credential-type', credentialTypes[caller.grant.reach.kind]);
		response.setHeader('x-oauth-scopes', caller.grant.scopes.join(', '));
	}
}

const maxBodyBytes = 64 * 1024;

/** A POST's JSON body; anything else is Bitbucket's 400. */
async function readJson(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxBodyBytes) {
			throw ApiError.badRequest('The request body is too large.');
		}

		chunks.push(chunk);
	}

	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		throw ApiError.badRequest('The request body is not valid JSON.');
	}
}

/** `/2.0/a/b%2Fc/` → ['a', 'b/c']; one trailing slash is allowed, as Bitbucket does. */
function routeSegments(pathname: string, basePath: string): string[] {
	if (!pathname.startsWith(`${basePath}/`)) {
		throw ApiError.notFound('Resource not found');
	}

	const rest = pathname.slice(basePath.length + 1).replace(/\/$/, '');
	try {
		return rest.split('/').map((segment) => decodeURIComponent(segment));
	} catch {
		throw ApiError.badRequest('Malformed URL');
	}
}

export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const payload = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...headers,
	});
	response.end(response.req.method === 'HEAD' ? undefined : payload);
}
