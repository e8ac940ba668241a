/**
 * Turns what went wrong on the wire into bbtok-tui's typed errors: one redacted line saying
 * what happened and a hint saying what to do next, with PRODUCT.md's exit code.
 */
import {
	AuthError,
	BbtokError,
	InterruptedError,
	NetworkError,
	NotFoundError,
} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {printable} from '../core/terminal-text.js';
import type {RepoRef} from './repo-ref.js';
import type {RetryOutcome} from './retry.js';
import type {ErrorBody} from './types.js';
import {accessTokensPage, workspaceAccessTokensPage} from './web-pages.js';

/** What the request was about, so that messages and hints can name it. */
export type RequestSubject = {
	host: string;
	what: string;
	ref?: RepoRef;
	workspace?: string;
	/** The proxy in use, if any: connection failures then point at it. */
	proxy?: string;
	/** Bitbucket's web base, where tokens are made (the git base: bitbucket.org by default). */
	webUrl?: string;
};

const proxyHint =
	'Check your network connection; behind a proxy, set HTTPS_PROXY (and NO_PROXY for hosts to reach directly).';

export function errorForStatus(
	status: number,
	statusText: string,
	bodyText: string,
	subject: RequestSubject,
	outcome: RetryOutcome,
): BbtokError {
	const server = serverMessageOf(bodyText);
	const said = server === undefined ? '.' : `: ${sentence(server)}`;
	if (status === 401) {
		return new AuthError(`Bitbucket rejected the token (401)${said}`, {
			reason: 'rejected',
			hint: `The token is wrong, revoked or expired: create a new access token at ${tokenPageOf(subject)}.`,
		});
	}

	if (status === 403) {
		const {required, granted} = scopesOf(bodyText);
		const lacking = required.filter((scope) => !granted.includes(scope));
		const message =
			lacking.length > 0
				? `The token lacks the scope ${lacking.join(', ')} (it has ${granted.join(', ') || 'none'}).`
				: `Bitbucket refused access (403)${said}`;
		return new AuthError(message, {
			reason: 'scope',
			required,
			granted,
			hint: `Scopes cannot be added to an existing token: create one with ${lacking.length > 0 ? lacking.join(', ') : 'the scopes you need'} at ${tokenPageOf(subject)}.`,
		});
	}

	if (status === 404) {
		return new NotFoundError(
			`${capitalise(redact(subject.what))} not found, or this token cannot see it.`,
			{
				hint: 'Check the name; a repository access token reaches only its own repository, a project or workspace token only its project or workspace.',
			},
		);
	}

	if (status === 429) {
		const asked =
			outcome.refusedWaitMs === undefined
				? ''
				: `; it asked to wait ${Math.ceil(outcome.refusedWaitMs / 1000)} s, more than bbtok-tui waits`;
		return new NetworkError(`Bitbucket rate limited this token (429)${asked}.`, {
			hint: 'Try again later: an access token gets about 1,000 API requests per hour.',
		});
	}

	if (status >= 500) {
		const attempts = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
		return new NetworkError(
			`${subject.host} answered ${statusLine(status, statusText)}${attempts}.`,
			{
				hint: 'Bitbucket may be having trouble: see https://bitbucket.status.atlassian.com and try again later.',
			},
		);
	}

	return new BbtokError(
		`${subject.host} answered ${statusLine(status, statusText)} for ${redact(subject.what)}${said}`,
		{
			hint: 'This is unexpected; please report it with the command you ran.',
		},
	);
}

/** A response bbtok-tui cannot use: a non-JSON page (often a proxy's), or a missing field. */
export function unexpectedResponse(subject: RequestSubject, problem: string): NetworkError {
	return new NetworkError(
		`Unexpected response from ${subject.host} for ${redact(subject.what)}: ${problem}.`,
		{
			hint: `Check that the API URL points at Bitbucket's REST API; behind a proxy, check HTTPS_PROXY.`,
		},
	);
}

export function refusedOrigin(
	kind: 'next page' | 'redirect',
	target: string,
	apiOrigin: string,
): NetworkError {
	return new NetworkError(
		`Refused to follow a ${kind} link to ${originOf(target)}: the token is sent only to ${apiOrigin}.`,
		{
			hint: 'A proxy or server is sending bbtok-tui elsewhere; check BBTOK_API_URL / --api-url and the proxy settings.',
		},
	);
}

export function errorForFailure(
	error: unknown,
	subject: RequestSubject,
	signal: AbortSignal | undefined,
): BbtokError {
	if (error instanceof BbtokError) {
		return error;
	}

	if (signal?.aborted) {
		return new InterruptedError();
	}

	const code = codeOf(error);
	const host = subject.host;
	const connectionHint = subject.proxy
		? `bbtok-tui went through the proxy ${subject.proxy} (HTTPS_PROXY/HTTP_PROXY): check it, or list ${subject.host.replace(/:\d+$/, '')} in NO_PROXY.`
		: proxyHint;
	const network = (message: string, hint = connectionHint) => new NetworkError(message, {hint});
	const proxyStatus = /^Proxy response \((\d+)\)/.exec(messageOf(error))?.[1];
	if (proxyStatus !== undefined) {
		return network(`The proxy refused the connection to ${host} (${proxyStatus}).`);
	}

	switch (code) {
		case 'ECONNREFUSED':
			return network(`Cannot connect to ${host}: connection refused.`);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return network(`Cannot resolve ${host}: no such host (DNS).`);
		case 'UND_ERR_CONNECT_TIMEOUT':
		case 'ETIMEDOUT':
			return network(`Timed out connecting to ${host}.`);
		case 'UND_ERR_HEADERS_TIMEOUT':
			return network(`${host} did not answer in time.`);
		case 'UND_ERR_BODY_TIMEOUT':
			return network(`${host} stopped sending its response.`);
		case 'ECONNRESET':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
		// The retry interceptor could not resume a body cut halfway.
		case 'UND_ERR_REQ_RETRY':
			return network(`The connection to ${host} was cut.`);
		default:
			if (
				code !== undefined &&
				/^(CERT_|ERR_TLS_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_SSL_)/.test(code)
			) {
				return network(
					`TLS failure talking to ${host} (${code}).`,
					'A proxy that inspects TLS needs its CA in NODE_EXTRA_CA_CERTS; otherwise check the system clock and HTTPS_PROXY.',
				);
			}

			return network(`Network failure talking to ${host}: ${code ?? oneLine(messageOf(error))}.`);
	}
}

function codeOf(error: unknown): string | undefined {
	const code = (error as {code?: unknown} | undefined)?.code;
	if (typeof code === 'string') {
		return code;
	}

	// Node wraps some connect failures in an AggregateError (one per address tried).
	const first = (error as {errors?: unknown[]} | undefined)?.errors?.[0];
	return first === undefined ? undefined : codeOf(first);
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function serverMessageOf(bodyText: string): string | undefined {
	const body = parseErrorBody(bodyText);
	const message = body?.error?.message;
	return typeof message === 'string' && message.trim() !== '' ? oneLine(message) : undefined;
}

/** Bitbucket's 403 body: `{"error": {"detail": {"required": [...], "granted": [...]}}}`, for REST and git alike. */
export function scopesOf(bodyText: string): {required: string[]; granted: string[]} {
	const detail = parseErrorBody(bodyText)?.error?.detail;
	const list = (value: unknown) =>
		Array.isArray(value)
			? value.filter((item): item is string => typeof item === 'string').map(oneLine)
			: [];
	return typeof detail === 'object' && detail !== null
		? {required: list(detail.required), granted: list(detail.granted)}
		: {required: [], granted: []};
}

function parseErrorBody(bodyText: string): ErrorBody | undefined {
	try {
		const body: unknown = JSON.parse(bodyText);
		return typeof body === 'object' && body !== null ? (body as ErrorBody) : undefined;
	} catch {
		return undefined;
	}
}

/** Where a new token is made: the repository's page, else the workspace's settings. */
function tokenPageOf(subject: RequestSubject): string {
	if (subject.ref) {
		return accessTokensPage(subject.ref, subject.webUrl);
	}

	return subject.workspace
		? workspaceAccessTokensPage(subject.workspace, subject.webUrl)
		: 'the repository settings on bitbucket.org (Access tokens)';
}

function originOf(target: string): string {
	return URL.canParse(target)
		? new URL(target).origin
		: JSON.stringify(oneLine(target).slice(0, 80));
}

/** Collapsed to one line, redacted, and bounded: server text is outside data. */
function oneLine(text: string): string {
	const line = printable(redact(text.replace(/\s+/g, ' ').trim()));
	return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

function statusLine(status: number, statusText: string): string {
	return statusText === '' ? String(status) : `${status} ${oneLine(statusText)}`;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
