import {describe, expect, it} from 'vitest';
import {errorForFailure, errorForStatus} from '../../source/bitbucket/failures.js';
import {
	AuthError,
	BbtokError,
	ExitCode,
	InterruptedError,
	NetworkError,
} from '../../source/core/errors.js';

const subject = {host: 'api.bitbucket.org', what: 'repository acme/widget'};
const once = {attempts: 1, waitedMs: 0};

function coded(code: string): Error {
	return Object.assign(new Error(`boom ${code}`), {code});
}

describe('errorForFailure', () => {
	it.each([
		['UND_ERR_CONNECT_TIMEOUT', 'Timed out connecting to api.bitbucket.org.'],
		['ENOTFOUND', 'Cannot resolve api.bitbucket.org: no such host (DNS).'],
		['ECONNRESET', 'The connection to api.bitbucket.org was cut.'],
		['CERT_HAS_EXPIRED', 'TLS failure talking to api.bitbucket.org (CERT_HAS_EXPIRED).'],
		['EWHATEVER', 'Network failure talking to api.bitbucket.org: EWHATEVER.'],
	])('maps %s to a network error', (code, message) => {
		const error = errorForFailure(coded(code), subject, undefined);
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.exitCode).toBe(ExitCode.network);
		expect(error.message).toBe(message);
		expect(error.hint).toMatch(/HTTPS_PROXY/);
	});

	it('looks inside the AggregateError of a multi-address connect', () => {
		const error = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'x');
		expect(errorForFailure(error, subject, undefined).message).toBe(
			'Cannot connect to api.bitbucket.org: connection refused.',
		);
	});

	it('names the proxy in use, and calls anything aborted an interruption', () => {
		const withProxy = {...subject, proxy: 'http://proxy.corp:3128'};
		expect(errorForFailure(coded('ECONNREFUSED'), withProxy, undefined).hint).toBe(
			'bbtok-tui went through the proxy http://proxy.corp:3128 (HTTPS_PROXY/HTTP_PROXY): check it, or list api.bitbucket.org in NO_PROXY.',
		);
		expect(errorForFailure(coded('ECONNRESET'), subject, AbortSignal.abort())).toBeInstanceOf(
			InterruptedError,
		);
	});
});

describe('errorForStatus', () => {
	it('keeps a 403 without scope details an auth error', () => {
		const body = JSON.stringify({type: 'error', error: {message: 'IP not allowed\nby policy'}});
		const error = errorForStatus(403, 'Forbidden', body, subject, once) as AuthError;
		expect(error).toBeInstanceOf(AuthError);
		expect(error.reason).toBe('scope');
		expect(error.message).toBe('Bitbucket refused access (403): IP not allowed by policy.');
	});

	it('says a lone 5xx without counting attempts, and other statuses are unexpected (exit 1)', () => {
		expect(errorForStatus(502, 'Bad Gateway', '<html>', subject, once).message).toBe(
			'api.bitbucket.org answered 502 Bad Gateway.',
		);
		const odd = errorForStatus(400, '', '{}', subject, once);
		expect(odd).toBeInstanceOf(BbtokError);
		expect(odd.exitCode).toBe(ExitCode.failure);
		expect(odd.message).toBe('api.bitbucket.org answered 400 for repository acme/widget.');
	});

	it('reports a 429 without a server wait as plain rate limiting', () => {
		const error = errorForStatus(429, 'Too Many Requests', '', subject, once);
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toBe('Bitbucket rate limited this token (429).');
	});
});
