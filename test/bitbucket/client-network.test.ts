/**
 * BitbucketClient against a scripted local server: timeouts, refused connections, aborts,
 * same-origin redirects, rate-limit headers, proxies. Bitbucket semantics are in client.test.ts.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BitbucketClient, type RateLimit} from '../../source/bitbucket/client.js';
import {createDispatcher} from '../../source/bitbucket/http.js';
import {
	type BbtokError,
	ExitCode,
	InterruptedError,
	NetworkError,
	UsageError,
} from '../../source/core/errors.js';
import {failureOf as expectFailure} from '../helpers/failure.js';
import {closedPort, type LocalServer, startLocalServer} from './local-server.js';

const token = 'ATCTT3xFfGN0networkTestToken=ABCD1234';
const dispatcher = createDispatcher({env: {}, headersTimeoutMs: 300, bodyTimeoutMs: 300});
const failures: unknown[] = [];
let server: LocalServer;

beforeAll(async () => {
	server = await startLocalServer((request, response) => {
		const [, , , scenario] = (request.url ?? '').split('/');
		const json = {'content-type': 'application/json'};
		switch (scenario) {
			case 'hang':
				return;
			case 'stall':
				response.writeHead(200, json).write('{"type":');
				return;
			case 'limited':
				response.writeHead(429, {...json, 'retry-after': '30'}).end('{}');
				return;
			case 'moved':
				response.writeHead(302, {location: '/2.0/repositories/acme/widget?via=redirect'}).end();
				return;
			case 'html':
				response.writeHead(200, {'content-type': 'text/html'}).end('<html>proxy login</html>');
				return;
			default:
				response
					.writeHead(200, {
						...json,
						'x-ratelimit-limit': '1000',
						'x-ratelimit-resource': 'api-repo',
						'x-ratelimit-nearlimit': 'true',
					})
					.end(JSON.stringify({type: 'repository', full_name: 'acme/widget'}));
		}
	});
});

afterAll(async () => {
	await server.close();
	await dispatcher.close();
	for (const failure of failures) {
		const error = failure as Error;
		for (const text of [error.message, (error as BbtokError).hint, String(error), error.stack]) {
			expect(text ?? '').not.toContain(token);
		}
	}
});

function client(
	options: {apiUrl?: string; minDelayMs?: number; onRateLimit?: (r: RateLimit) => void} = {},
) {
	return new BitbucketClient({
		apiUrl: options.apiUrl ?? `${server.origin}/2.0`,
		token,
		dispatcher,
		retry: {minDelayMs: options.minDelayMs ?? 20},
		...(options.onRateLimit ? {onRateLimit: options.onRateLimit} : {}),
	});
}

const failureOf = (promise: Promise<unknown>) => expectFailure(promise, failures);

describe('BitbucketClient on the network', () => {
	it('sends the token, JSON accept and its user agent, and tracks rate-limit headers', async () => {
		const seen: RateLimit[] = [];
		const api = client({onRateLimit: (r) => seen.push(r)});
		const repository = await api.getRepository({workspace: 'acme', repo: 'widget'});
		expect(repository.full_name).toBe('acme/widget');
		expect(server.hits.at(-1)?.authorization).toBe(`Bearer ${token}`);
		const expected = {limit: 1000, resource: 'api-repo', nearLimit: true};
		expect(api.rateLimit).toEqual(expected);
		expect(seen).toEqual([expected]);
	});

	it('follows a redirect on the API origin, still authorised', async () => {
		const before = server.hits.length;
		await client().getRepository({workspace: 'moved', repo: 'x'});
		expect(server.hits.slice(before).map((hit) => [hit.url, hit.authorization])).toEqual([
			['/2.0/repositories/moved/x', `Bearer ${token}`],
			['/2.0/repositories/acme/widget?via=redirect', `Bearer ${token}`],
		]);
	});

	it('reports connection refused as a network error (exit 5) after a few retries', async () => {
		const port = await closedPort();
		const error = await failureOf(
			client({apiUrl: `http://127.0.0.1:${port}/2.0`}).getRepository({workspace: 'a', repo: 'b'}),
		);
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.exitCode).toBe(ExitCode.network);
		expect(error.message).toBe(`Cannot connect to 127.0.0.1:${port}: connection refused.`);
		expect(error.hint).toMatch(/HTTPS_PROXY/);
	});

	it('times out a server that never answers', async () => {
		const started = Date.now();
		const error = await failureOf(client().getRepository({workspace: 'hang', repo: 'x'}));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toMatch(/did not answer in time/);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('times out a body that stops arriving', async () => {
		const error = await failureOf(client().getRepository({workspace: 'stall', repo: 'x'}));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toMatch(/stopped sending/);
	});

	it('calls a non-JSON answer an unexpected response', async () => {
		const error = await failureOf(client().getRepository({workspace: 'html', repo: 'x'}));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toMatch(/^Unexpected response from .* not JSON\.$/);
	});

	it('stops waiting for Retry-After when aborted', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const pending = client().getRepository(
			{workspace: 'limited', repo: 'x'},
			{signal: controller.signal},
		);
		setTimeout(() => controller.abort(), 200);
		const error = await failureOf(pending);
		expect(error).toBeInstanceOf(InterruptedError);
		expect(error.exitCode).toBe(ExitCode.interrupted);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('stops backing off from a refused connection when aborted', async () => {
		const port = await closedPort();
		const controller = new AbortController();
		const started = Date.now();
		const pending = client({
			apiUrl: `http://127.0.0.1:${port}/2.0`,
			minDelayMs: 20_000,
		}).getRepository({workspace: 'a', repo: 'b'}, {signal: controller.signal});
		setTimeout(() => controller.abort(), 200);
		expect(await failureOf(pending)).toBeInstanceOf(InterruptedError);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('sends nothing when already aborted', async () => {
		const before = server.hits.length;
		const error = await failureOf(
			client().getRepository({workspace: 'acme', repo: 'widget'}, {signal: AbortSignal.abort()}),
		);
		expect(error).toBeInstanceOf(InterruptedError);
		expect(server.hits.length).toBe(before);
	});
});

describe('createDispatcher proxies', () => {
	it('tunnels through HTTP_PROXY from the given environment, and honours NO_PROXY', async () => {
		const proxy = await startLocalServer();
		const target = 'http://127.0.0.3:9/2.0';
		const proxied = createDispatcher({env: {HTTP_PROXY: proxy.origin}});
		const bypassing = createDispatcher({env: {http_proxy: proxy.origin, NO_PROXY: '127.0.0.3'}});
		try {
			const viaProxy = new BitbucketClient({
				apiUrl: target,
				token,
				dispatcher: proxied,
				retry: {maxRetries: 0},
			});
			const refused = await failureOf(viaProxy.getRepository({workspace: 'a', repo: 'b'}));
			expect(proxy.hits).toEqual([{method: 'CONNECT', url: '127.0.0.3:9'}]);
			expect(refused).toBeInstanceOf(NetworkError);
			expect(refused.message).toBe('The proxy refused the connection to 127.0.0.3:9 (403).');
			expect(refused.hint).toBe(
				`bbtok-tui went through the proxy ${proxy.origin} (HTTPS_PROXY/HTTP_PROXY): check it, or list 127.0.0.3 in NO_PROXY.`,
			);

			const bypass = new BitbucketClient({
				apiUrl: target,
				token,
				dispatcher: bypassing,
				retry: {maxRetries: 0},
			});
			const direct = await failureOf(bypass.getRepository({workspace: 'a', repo: 'b'}));
			expect(direct.message).toBe('Cannot connect to 127.0.0.3:9: connection refused.');
			expect(proxy.hits).toHaveLength(1);
		} finally {
			await Promise.all([proxied.close(), bypassing.close(), proxy.close()]);
		}
	});

	it('refuses a proxy variable that is not a URL, naming it, with any password redacted', () => {
		let refusal: unknown;
		try {
			createDispatcher({env: {HTTPS_PROXY: 'proxy.example:3128'}});
		} catch (error) {
			refusal = error;
		}

		expect(refusal).toBeInstanceOf(UsageError);
		expect((refusal as UsageError).message).toBe(
			'HTTPS_PROXY is not an http(s) URL: "proxy.example:3128".',
		);
		expect((refusal as UsageError).exitCode).toBe(ExitCode.usage);
		expect(() =>
			createDispatcher({env: {http_proxy: 'http://jo:Pr0xyPw@[bad', HTTPS_PROXY: ''}}),
		).toThrow('http_proxy is not an http(s) URL: "http://jo:***@[bad".');
	});
});
