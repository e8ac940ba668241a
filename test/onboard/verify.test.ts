import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BitbucketClient} from '../../source/bitbucket/client.js';
import {AuthError, NetworkError, NotFoundError} from '../../source/core/errors.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {verifyAccess} from '../../source/use-cases/verify.js';
import {testDispatcher} from '../helpers/dispatcher.js';

let sandbox: Sandbox;
const widget = {workspace: 'acme', repo: 'widget'};

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});

afterAll(async () => {
	await sandbox.close();
});

const endpoints = () => ({apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl});

describe('verifyAccess', () => {
	it('returns the repository, its branches, and that a write token can push', async () => {
		const verified = await verifyAccess({
			endpoints: endpoints(),
			dispatcher: testDispatcher,
			ref: widget,
			token: sandbox.tokens.repoWrite,
		});
		expect(verified.repository.full_name).toBe('acme/widget');
		expect(verified.repository.mainbranch?.name).toBe('main');
		expect(verified.canPush).toBe(true);
		expect(verified.branches.map((branch) => branch.name).sort()).toEqual([
			'develop',
			'feature/login',
			'main',
		]);
		// The push probe only asked for the receive-pack advertisement: nothing was pushed.
		const gitRequests = sandbox.requests.filter((request) => request.server === 'git');
		expect(gitRequests.every((request) => request.method === 'GET')).toBe(true);
	});

	it('asks for the repository, its branches and both advertisements at once: one round trip, not two', async () => {
		const latencyMs = 600;
		sandbox.setFaults({latencyMs});
		try {
			const started = performance.now();
			const verified = await verifyAccess({
				endpoints: endpoints(),
				dispatcher: testDispatcher,
				ref: widget,
				token: sandbox.tokens.repoWrite,
			});
			expect(verified.branches.length).toBeGreaterThan(0);
			// Two round trips in a row would take twice the latency at least.
			expect(performance.now() - started).toBeLessThan(2 * latencyMs - 50);
		} finally {
			sandbox.setFaults({});
		}
	});

	it('says a read-only token cannot push', async () => {
		const verified = await verifyAccess({
			endpoints: endpoints(),
			dispatcher: testDispatcher,
			ref: widget,
			token: sandbox.tokens.repoRead,
		});
		expect(verified.canPush).toBe(false);
	});

	it('works for a project token on another repository of its project', async () => {
		const verified = await verifyAccess({
			endpoints: endpoints(),
			dispatcher: testDispatcher,
			ref: {workspace: 'acme', repo: 'gadget'},
			token: sandbox.tokens.projectWrite,
		});
		expect(verified.canPush).toBe(true);
	});

	it('rejects a revoked token (401) with the access-tokens page of the git host as the next step', async () => {
		const error = await verifyAccess({
			endpoints: endpoints(),
			dispatcher: testDispatcher,
			ref: widget,
			token: sandbox.tokens.revoked,
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).reason).toBe('rejected');
		expect((error as AuthError).hint).toContain(
			`${sandbox.gitUrl}/acme/widget/admin/access-tokens`,
		);
	});

	it('names the missing scope (403)', async () => {
		const error = await verifyAccess({
			endpoints: endpoints(),
			dispatcher: testDispatcher,
			ref: widget,
			token: sandbox.tokens.repoNoScope,
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).reason).toBe('scope');
		expect((error as AuthError).message).toContain('repository');
		expect((error as AuthError).required).toEqual(['repository']);
	});

	it.each([
		['a token of another repository', 'otherRepo', widget],
		['an unknown repository', 'repoWrite', {workspace: 'acme', repo: 'no-such-repo'}],
	] as const)('reports %s as not found (404) with a hint', async (_, tokenName, ref) => {
		const error = await verifyAccess({
			endpoints: endpoints(),
			dispatcher: testDispatcher,
			ref,
			token: sandbox.tokens[tokenName],
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NotFoundError);
		expect((error as NotFoundError).hint).toMatch(/Check the name/);
	});

	it('turns an unreachable server into a network error with a proxy hint', async () => {
		const apiUrl = 'http://127.0.0.1:9/2.0';
		const token = sandbox.tokens.repoWrite;
		const error = await verifyAccess({
			endpoints: {apiUrl, gitUrl: 'http://127.0.0.1:9'},
			ref: widget,
			token,
			// No retries: the refusal itself is what is checked here.
			dispatcher: testDispatcher,
			client: new BitbucketClient({
				apiUrl,
				token,
				retry: {maxRetries: 0},
				dispatcher: testDispatcher,
			}),
		}).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NetworkError);
		expect((error as NetworkError).hint).toMatch(/HTTPS_PROXY/);
	});
});
