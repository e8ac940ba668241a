import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {apiGet, git, runGit, temporaryDirectory} from './helpers.js';

let sandbox: Sandbox;
let scratch: {path: string; remove: () => Promise<void>};

beforeAll(async () => {
	// Faults given at start apply from the first request.
	sandbox = await startSandbox({env: process.env, faults: {api: {status: 502, times: 1}}});
	scratch = await temporaryDirectory('bbtok-sandbox-faults-');
});

afterEach(() => sandbox.setFaults({}));

afterAll(async () => {
	await sandbox?.close();
	await scratch?.remove();
});

const widget = () => apiGet(`${sandbox.apiUrl}/repositories/acme/widget`, sandbox.tokens.repoRead);

describe('injected faults', () => {
	it('applies start-time faults, then answers normally', async () => {
		expect((await widget()).status).toBe(502);
		expect((await widget()).status).toBe(200);
	});

	it('answers 503 the next N API requests, then 200, when set at runtime', async () => {
		sandbox.setFaults({api: {status: 503, times: 2, retryAfterSeconds: 1}});
		const first = await widget();
		expect(first.status).toBe(503);
		expect(first.headers.get('retry-after')).toBe('1');
		expect(first.body).toMatchObject({type: 'error', error: {message: expect.any(String)}});
		expect((await widget()).status).toBe(503);
		expect((await widget()).status).toBe(200);
	});

	it('answers the status only on paths that contain the one given', async () => {
		sandbox.setFaults({api: {status: 503, times: 1, path: '/commits'}});
		expect((await widget()).status).toBe(200);
		const commits = () =>
			apiGet(`${sandbox.apiUrl}/repositories/acme/widget/commits`, sandbox.tokens.repoRead);
		expect((await commits()).status).toBe(503);
		expect((await commits()).status).toBe(200);
	});

	it('answers 429 with Retry-After and Bitbucket’s message', async () => {
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 7}});
		const limited = await widget();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.body).toEqual({
			type: 'error',
			error: {message: 'Rate limit for this resource has been exceeded.'},
		});
	});

	it('redirects every API request to another origin with the same path and query', async () => {
		sandbox.setFaults({redirectApiTo: 'http://127.0.0.2:9'});
		const response = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/widget/commits?pagelen=10`,
			sandbox.tokens.repoRead,
		);
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe(
			'http://127.0.0.2:9/2.0/repositories/acme/widget/commits?pagelen=10',
		);
	});

	it('puts next links on a foreign origin', async () => {
		sandbox.setFaults({foreignNextOrigin: 'http://127.0.0.2:9'});
		const page = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/widget/commits/main`,
			sandbox.tokens.repoRead,
		);
		const next = new URL(String(page.body.next));
		expect(next.origin).toBe('http://127.0.0.2:9');
		expect(next.pathname).toBe('/2.0/repositories/acme/widget/commits/main');
	});

	it('delays API and git responses by latencyMs', async () => {
		sandbox.setFaults({latencyMs: 150});
		let started = performance.now();
		await widget();
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);
		started = performance.now();
		await fetch(`${sandbox.gitUrl}/acme/widget.git/info/refs?service=git-upload-pack`);
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('cuts the connection mid-pack: a native git clone fails, and works again without the fault', async () => {
		sandbox.setFaults({cutPackAfterBytes: 4096});
		const dir = path.join(scratch.path, 'cut');
		const cut = await runGit(['clone', '--quiet', `${sandbox.gitUrl}/acme/widget.git`, dir], {
			home: scratch.path,
			token: sandbox.tokens.repoRead,
		});
		expect(cut.code).not.toBe(0);
		expect(cut.stderr).toMatch(
			/early EOF|transfer closed|unexpected disconnect|RPC failed|invalid index-pack/,
		);

		sandbox.setFaults({});
		const dir2 = path.join(scratch.path, 'whole');
		await git(['clone', '--quiet', `${sandbox.gitUrl}/acme/widget.git`, dir2], {
			home: scratch.path,
			token: sandbox.tokens.repoRead,
		});
		expect(await git(['rev-parse', 'HEAD'], {cwd: dir2, home: scratch.path})).toMatch(
			/^[\da-f]{40}$/,
		);
	});
});
