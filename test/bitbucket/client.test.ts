/**
 * BitbucketClient against the sandbox: reads, each Bitbucket failure and its exit code,
 * retries, and the token staying on the API origin. One sandbox for the whole file.
 */
import {execFile} from 'node:child_process';
import {inspect, promisify} from 'node:util';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {BitbucketClient} from '../../source/bitbucket/client.js';
import {createDispatcher} from '../../source/bitbucket/http.js';
import type {RepoRef} from '../../source/bitbucket/repo-ref.js';
import {
	AuthError,
	type BbtokError,
	ExitCode,
	NetworkError,
	NotFoundError,
} from '../../source/core/errors.js';
import {type Sandbox, type SandboxTokenName, startSandbox} from '../../source/sandbox/index.js';
import {failureOf as expectFailure} from '../helpers/failure.js';
import {type LocalServer, startLocalServer} from './local-server.js';

const run = promisify(execFile);
const widget: RepoRef = {workspace: 'acme', repo: 'widget'};
const dispatcher = createDispatcher({env: {}});
const failures: unknown[] = [];
let sandbox: Sandbox;
let recorder: LocalServer;

beforeAll(async () => {
	[sandbox, recorder] = await Promise.all([startSandbox({env: process.env}), startLocalServer()]);
});

afterEach(() => sandbox.setFaults({}));

afterAll(async () => {
	await Promise.all([sandbox?.close(), recorder?.close(), dispatcher.close()]);
});

function client(name: SandboxTokenName = 'repoRead', retry = {minDelayMs: 20}) {
	return new BitbucketClient({
		apiUrl: sandbox.apiUrl,
		token: sandbox.tokens[name],
		dispatcher,
		retry,
	});
}

const failureOf = (promise: Promise<unknown>) => expectFailure(promise, failures);

function apiRequestsSince(count: number) {
	return sandbox.requests.slice(count).filter((request) => request.server === 'api');
}

describe('BitbucketClient reads', () => {
	it('gets a repository and tracks the rate limit', async () => {
		const api = client();
		const repository = await api.getRepository(widget);
		expect(repository.full_name).toBe('acme/widget');
		expect(repository.is_private).toBe(true);
		expect(repository.mainbranch?.name).toBe('main');
		expect(api.rateLimit?.limit).toBe(1000);
		expect(api.rateLimit?.nearLimit).toBe(false);
	});

	it('pages through commits of a branch whose name has a slash', async () => {
		const api = client();
		const first = await api.listCommits(widget, {revision: 'feature/login', pagelen: 30});
		expect(first.values).toHaveLength(30);
		expect(first.next).toBeDefined();
		const hashes: string[] = [];
		for await (const commit of api.paginate(first)) {
			hashes.push(commit.hash ?? '');
		}

		expect(new Set(hashes).size).toBe(hashes.length);
		expect(hashes.length).toBeGreaterThan(30);
		const commit = await api.getCommit(widget, hashes[0]!);
		expect(commit.hash).toBe(hashes[0]);
		const changes = await api.getDiffstat(widget, hashes[0]!);
		expect(changes.length).toBeGreaterThan(0);
		expect(changes[0]?.type).toBe('diffstat');
	});

	it('lists tags with the commits they point at', async () => {
		const tags = await client().listTags(widget);
		expect(tags.map((tag) => tag.name).sort()).toEqual(['v1.0', 'v2.0']);
		for (const tag of tags) {
			const {stdout} = await run('git', ['rev-parse', `${tag.name}^{commit}`], {
				cwd: sandbox.gitDirOf('acme', 'widget'),
			});
			expect(tag.target?.hash).toBe(stdout.trim());
		}
	});

	it('lists branches and a workspace', async () => {
		const branches = await client().listBranches(widget);
		expect(branches.map((branch) => branch.name).sort()).toEqual([
			'develop',
			'feature/login',
			'main',
		]);
		const page = await client('workspaceRead').listRepositories('acme', {pagelen: 10});
		expect(page.values.map((repository) => repository.full_name).sort()).toEqual([
			'acme/gadget',
			'acme/website',
			'acme/widget',
		]);
	});
});

describe('BitbucketClient failures', () => {
	it('maps a revoked token to AuthError rejected, exit 3', async () => {
		const error = await failureOf(client('revoked').getRepository(widget));
		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).reason).toBe('rejected');
		expect(error.exitCode).toBe(ExitCode.auth);
		expect(error.message).toBe(
			'Bitbucket rejected the token (401): Token is invalid, expired, or not supported for this endpoint.',
		);
		expect(error.hint).toContain('https://bitbucket.org/acme/widget/admin/access-tokens');
	});

	it('maps a missing scope to AuthError scope with required and granted, exit 3', async () => {
		const error = (await failureOf(client('repoNoScope').getRepository(widget))) as AuthError;
		expect(error).toBeInstanceOf(AuthError);
		expect(error.reason).toBe('scope');
		expect(error.exitCode).toBe(ExitCode.auth);
		expect(error.required).toEqual(['repository']);
		expect(error.granted).toEqual(['pullrequest']);
		expect(error.message).toBe('The token lacks the scope repository (it has pullrequest).');
		expect(error.hint).toMatch(
			/create one with repository at https:\/\/bitbucket\.org\/acme\/widget\//,
		);
	});

	it('maps a repository outside the token to NotFoundError, exit 4', async () => {
		const error = await failureOf(client('otherRepo').getRepository(widget));
		expect(error).toBeInstanceOf(NotFoundError);
		expect(error.exitCode).toBe(ExitCode.notFound);
		expect(error.message).toBe('Repository acme/widget not found, or this token cannot see it.');
		expect(error.hint).toMatch(/another|only its own repository/);
	});

	it('waits out a 429 with Retry-After 1, then succeeds', async () => {
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 1}});
		const before = sandbox.requests.length;
		const started = Date.now();
		await client().getRepository(widget);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(apiRequestsSince(before)).toHaveLength(2);
	});

	it('gives up at once when Retry-After exceeds the wait budget', async () => {
		sandbox.setFaults({api: {status: 429, times: 5, retryAfterSeconds: 120}});
		const before = sandbox.requests.length;
		const error = await failureOf(client().getRepository(widget));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.exitCode).toBe(ExitCode.network);
		expect(error.message).toMatch(/rate limited .* asked to wait 120 s/);
		expect(apiRequestsSince(before)).toHaveLength(1);
	});

	it('retries 503 three times, then succeeds', async () => {
		sandbox.setFaults({api: {status: 503, times: 3}});
		const before = sandbox.requests.length;
		await client().getRepository(widget);
		expect(apiRequestsSince(before)).toHaveLength(4);
	});

	it('reports a persistent 503 as a network error (exit 5) within bounded time', async () => {
		sandbox.setFaults({api: {status: 503, times: 1000}});
		const before = sandbox.requests.length;
		const started = Date.now();
		const error = await failureOf(client('repoRead', {minDelayMs: 100}).getRepository(widget));
		expect(Date.now() - started).toBeLessThan(3000);
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.exitCode).toBe(ExitCode.network);
		expect(error.message).toMatch(/answered 503 .*after 4 attempts\.$/);
		expect(apiRequestsSince(before)).toHaveLength(4);
	});

	it('refuses a next link to another origin without sending anything there', async () => {
		sandbox.setFaults({foreignNextOrigin: recorder.origin});
		const api = client();
		const first = await api.listCommits(widget, {pagelen: 10});
		expect(first.next?.startsWith(recorder.origin)).toBe(true);
		const error = await failureOf(api.nextPage(first));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toBe(
			`Refused to follow a next page link to ${recorder.origin}: the token is sent only to ${new URL(sandbox.apiUrl).origin}.`,
		);
		expect(recorder.hits).toEqual([]);
	});

	it('does not carry the token through a redirect to another origin', async () => {
		sandbox.setFaults({redirectApiTo: recorder.origin});
		const error = await failureOf(client().getRepository(widget));
		expect(error).toBeInstanceOf(NetworkError);
		expect(error.message).toMatch(
			/^Refused to follow a redirect link to http:\/\/127\.0\.0\.1:\d+:/,
		);
		expect(recorder.hits.filter((hit) => hit.authorization !== undefined)).toEqual([]);
		expect(recorder.hits).toEqual([]);
	});

	it('keeps every token out of the failures above', () => {
		expect(failures.length).toBeGreaterThanOrEqual(7);
		const tokens = Object.values(sandbox.tokens);
		for (const failure of failures) {
			const error = failure as BbtokError;
			const texts = [
				error.message,
				error.hint,
				String(error),
				error.stack,
				inspect(error, {depth: 5}),
			];
			for (const text of texts) {
				for (const token of tokens) {
					expect(text ?? '').not.toContain(token);
				}
			}
		}
	});
});
