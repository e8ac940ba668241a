import {Buffer} from 'node:buffer';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {Agent} from 'undici';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	AuthError,
	BbtokError,
	ExitCode,
	InterruptedError,
	NetworkError,
	NotFoundError,
} from '../../source/core/errors.js';
import {registerSecret} from '../../source/core/redaction.js';
import {createGitHttp} from '../../source/git/http-transport.js';

const token = 'ATCTT3xFfGN0transportTest=ABCDEF12';
registerSecret(token);

type Seen = {method: string; url: string; headers: IncomingMessage['headers']; body: Buffer};
type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

let server: Server;
let base: string;
let handler: Handler;
let seen: Seen[];
const dispatcher = new Agent();

beforeAll(async () => {
	server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			seen.push({method: request.method!, url: request.url!, headers: request.headers, body});
			handler(request, response, body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme/widget.git`;
});

afterAll(async () => {
	await dispatcher.close();
	await new Promise((resolve) => server.close(resolve));
});

function serve(next: Handler): void {
	seen = [];
	handler = next;
}

async function drain(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of body!) {
		chunks.push(chunk);
	}

	return Buffer.concat(chunks);
}

async function failureOf(promise: Promise<unknown>): Promise<BbtokError> {
	const error = await promise.then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(BbtokError);
	const failure = error as BbtokError;
	expect(failure.message).not.toContain(token);
	expect(failure.message).not.toContain('\n');
	return failure;
}

const http = (options: Partial<Parameters<typeof createGitHttp>[0]> = {}) =>
	createGitHttp({token, dispatcher, ...options});

describe('createGitHttp', () => {
	it('sends Basic x-token-auth up front, replacing any Authorization it is given', async () => {
		serve((_request, response) => response.end('ok'));
		await http().request({
			url: `${base}/info/refs?service=git-upload-pack`,
			headers: {Authorization: 'Basic bm9wZTpub3Bl', 'user-agent': 'git/isomorphic-git'},
		});
		const [request] = seen;
		const expected = `Basic ${Buffer.from(`x-token-auth:${token}`).toString('base64')}`;
		expect(request?.headers.authorization).toBe(expected);
		expect(request?.headers['user-agent']).toBe('git/isomorphic-git');
		expect(request?.url).not.toContain(token);
	});

	it('returns lower-cased string headers and a streamed body whose bytes it counts', async () => {
		const payload = Buffer.alloc(200_000, 7);
		serve((_request, response) => {
			response.setHeader('Content-Type', 'application/x-git-upload-pack-advertisement');
			response.setHeader('X-Multi', ['a', 'b']);
			response.write(payload.subarray(0, 100_000));
			setImmediate(() => response.end(payload.subarray(100_000)));
		});
		const totals: number[] = [];
		const response = await http({onBytes: (total) => totals.push(total)}).request({url: base});
		expect(response.statusCode).toBe(200);
		expect(response.statusMessage).toBe('OK');
		expect(response.headers?.['content-type']).toBe('application/x-git-upload-pack-advertisement');
		expect(response.headers?.['x-multi']).toBe('a, b');
		expect((await drain(response.body)).equals(payload)).toBe(true);
		expect(totals.at(-1)).toBe(payload.length);
		expect(totals.length).toBeGreaterThan(1);
	});

	it('sends an array body as one buffer with a Content-Length', async () => {
		serve((_request, response) => response.end());
		const parts = [Buffer.from('0032want '), Buffer.from('abc\n'), Buffer.from('0000')];
		await http().request({
			url: `${base}/git-upload-pack`,
			method: 'POST',
			body: parts as unknown as AsyncIterableIterator<Uint8Array>,
		});
		expect(seen[0]?.body.toString()).toBe('0032want abc\n0000');
		expect(seen[0]?.headers['content-length']).toBe(String(Buffer.concat(parts).length));
	});

	it('streams an async iterable body', async () => {
		serve((_request, response) => response.end());
		async function* pack() {
			yield Buffer.from('PACK');
			yield new Uint8Array([0, 0, 0, 2]);
		}

		await http().request({url: `${base}/git-receive-pack`, method: 'POST', body: pack()});
		expect(seen[0]?.body).toEqual(Buffer.from([80, 65, 67, 75, 0, 0, 0, 2]));
	});

	it('maps 401 to a rejected-token AuthError', async () => {
		serve((_request, response) => {
			response.writeHead(401, {'WWW-Authenticate': 'Basic realm="Bitbucket"'});
			response.end('Unauthorized');
		});
		const error = await failureOf(
			http().request({url: `${base}/info/refs?service=git-upload-pack`}),
		);
		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).reason).toBe('rejected');
		expect(error.exitCode).toBe(ExitCode.auth);
		expect(error.message).toContain('/acme/widget.git');
	});

	it("maps 403 to a scope AuthError with Bitbucket's required and granted scopes", async () => {
		serve((_request, response) => {
			response.writeHead(403, {'Content-Type': 'application/json'});
			response.end(
				JSON.stringify({
					type: 'error',
					error: {
						message: 'Your credentials lack one or more required privilege scopes.',
						detail: {granted: ['pullrequest'], required: ['repository']},
					},
				}),
			);
		});
		const error = (await failureOf(
			http().request({url: `${base}/info/refs?service=git-upload-pack`}),
		)) as AuthError;
		expect(error.reason).toBe('scope');
		expect(error.required).toEqual(['repository']);
		expect(error.granted).toEqual(['pullrequest']);
	});

	it('names repository:write for a 403 on receive-pack without a detailed body', async () => {
		serve((_request, response) => {
			response.writeHead(403);
			response.end('Forbidden');
		});
		for (const url of [`${base}/info/refs?service=git-receive-pack`, `${base}/git-receive-pack`]) {
			const error = (await failureOf(http().request({url, method: 'GET'}))) as AuthError;
			expect(error.reason).toBe('scope');
			expect(error.required).toEqual(['repository:write']);
			expect(error.message).toContain('push to');
		}
	});

	it('maps 404 to NotFoundError, 5xx to NetworkError and anything else to exit 1', async () => {
		const cases = [
			[404, NotFoundError, ExitCode.notFound],
			[503, NetworkError, ExitCode.network],
			[429, NetworkError, ExitCode.network],
			[302, BbtokError, ExitCode.failure],
		] as const;
		for (const [status, type, exitCode] of cases) {
			serve((_request, response) => {
				response.writeHead(status, status === 302 ? {Location: 'http://127.0.0.2:9/'} : {});
				response.end('no');
			});
			const error = await failureOf(http().request({url: base}));
			expect(error).toBeInstanceOf(type);
			expect(error.exitCode).toBe(exitCode);
		}
	});

	it('reports a refused connection as NetworkError without the token', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const error = await failureOf(
			http().request({url: `http://127.0.0.1:${port}/acme/widget.git`}),
		);
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toContain('connection refused');
	});

	it('reports a connection cut mid-body as NetworkError, also to onFailure', async () => {
		serve((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/x-git-upload-pack-result'});
			response.write(Buffer.alloc(5000, 1));
			setImmediate(() => response.socket?.destroy());
		});
		const failures: BbtokError[] = [];
		const response = await http({onFailure: (error) => failures.push(error)}).request({url: base});
		const error = await failureOf(drain(response.body));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toMatch(/broke after \d+ bytes/);
		expect(failures).toEqual([error]);
	});

	it('turns an abort, before or during a response, into InterruptedError', async () => {
		const before = new AbortController();
		before.abort();
		serve((_request, response) => response.end());
		expect(await failureOf(http({signal: before.signal}).request({url: base}))).toBeInstanceOf(
			InterruptedError,
		);

		const during = new AbortController();
		serve((_request, response) => {
			response.write(Buffer.alloc(1000));
		});
		const response = await http({signal: during.signal}).request({url: base});
		const reading = drain(response.body);
		during.abort();
		const error = await failureOf(reading);
		expect(error).toBeInstanceOf(InterruptedError);
		expect(error.exitCode).toBe(ExitCode.interrupted);
	});
});
