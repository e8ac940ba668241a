/**
 * The sandbox's build statuses: created and updated by key through POST …/statuses/build,
 * listed (paged) by GET …/statuses, the scope the OpenAPI document names, errors in
 * Bitbucket's format, and the credential headers on every answer to a token.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {apiGet, apiPost, git, temporaryDirectory} from './helpers.js';

let sandbox: Sandbox;
let seeded: Sandbox;
let scratch: {path: string; remove: () => Promise<void>};
let hashes: string[];

beforeAll(async () => {
	[sandbox, seeded, scratch] = await Promise.all([
		startSandbox({env: process.env}),
		startSandbox({env: process.env, seedStatuses: true}),
		temporaryDirectory('bbtok-sandbox-statuses-'),
	]);
	const output = await git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-list', 'main'], {
		home: scratch.path,
	});
	hashes = output.trim().split('\n');
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), seeded?.close(), scratch?.remove()]);
});

const commitPath = (hash: string) => `/repositories/acme/widget/commit/${hash}`;
const post = (hash: string, body: unknown, token = sandbox.tokens.repoRead) =>
	apiPost(`${sandbox.apiUrl}${commitPath(hash)}/statuses/build`, token, body);
const list = (hash: string, query = '') =>
	apiGet(`${sandbox.apiUrl}${commitPath(hash)}/statuses${query}`, sandbox.tokens.repoRead);

describe('build statuses', () => {
	it('creates a status, lists it, and updates it by key', async () => {
		const hash = hashes[3]!;
		const created = await post(hash, {
			key: 'ci',
			state: 'INPROGRESS',
			name: 'CI #1',
			url: 'https://ci.example/1',
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			type: 'build',
			key: 'ci',
			state: 'INPROGRESS',
			name: 'CI #1',
		});

		const updated = await post(hash, {key: 'ci', state: 'FAILED', description: 'two tests failed'});
		expect(updated.status).toBe(201);
		expect(updated.body).toMatchObject({
			key: 'ci',
			state: 'FAILED',
			description: 'two tests failed',
		});
		expect(updated.body.created_on).toBe(created.body.created_on);

		await post(hash, {key: 'lint', state: 'SUCCESSFUL'});
		const listed = await list(hash);
		expect(listed.status).toBe(200);
		expect(listed.body).toMatchObject({size: 2, page: 1});
		const values = listed.body.values as {key: string; state: string}[];
		expect(values.map((status) => [status.key, status.state])).toEqual([
			['lint', 'SUCCESSFUL'],
			['ci', 'FAILED'],
		]);
	});

	it('pages a long list with next links, and a short hash names the same commit', async () => {
		const hash = hashes[4]!;
		for (let index = 0; index < 12; index++) {
			expect(
				(await post(hash.slice(0, 12), {key: `job-${index}`, state: 'SUCCESSFUL'})).status,
			).toBe(201);
		}

		const first = await list(hash);
		expect((first.body.values as unknown[]).length).toBe(10);
		const next = await apiGet(String(first.body.next), sandbox.tokens.repoRead);
		expect((next.body.values as unknown[]).length).toBe(2);
		expect(next.body.next).toBeUndefined();
	});

	it('lists nothing for a commit without statuses', async () => {
		const listed = await list(hashes[5]!);
		expect(listed.body).toMatchObject({size: 0, values: []});
	});

	it('needs the repository scope (as the OpenAPI document says), for reading and writing', async () => {
		const denied = await post(
			hashes[0]!,
			{key: 'x', state: 'SUCCESSFUL'},
			sandbox.tokens.repoNoScope,
		);
		expect(denied.status).toBe(403);
		expect(denied.body).toMatchObject({error: {detail: {required: ['repository']}}});
		const reading = await apiGet(
			`${sandbox.apiUrl}${commitPath(hashes[0]!)}/statuses`,
			sandbox.tokens.repoNoScope,
		);
		expect(reading.status).toBe(403);
	});

	it('refuses a bad body, an unknown commit and a token that does not reach the repository', async () => {
		expect((await post(hashes[0]!, {state: 'SUCCESSFUL'})).body).toMatchObject({
			type: 'error',
			error: {message: 'key: This field is required.'},
		});
		expect((await post(hashes[0]!, {key: 'x', state: 'GREEN'})).status).toBe(400);
		expect((await post(hashes[0]!, '{not json')).status).toBe(400);
		expect((await post('f'.repeat(40), {key: 'x', state: 'SUCCESSFUL'})).status).toBe(404);
		const other = await post(hashes[0]!, {key: 'x', state: 'SUCCESSFUL'}, sandbox.tokens.otherRepo);
		expect(other.status).toBe(404);
		const onCommit = await apiPost(
			`${sandbox.apiUrl}${commitPath(hashes[0]!)}`,
			sandbox.tokens.repoRead,
			{},
		);
		expect(onCommit.status).toBe(405);
		expect((await list(hashes[0]!)).body).toMatchObject({size: 0});
	});

	it('seeds the demo statuses on the newest commits only when asked', async () => {
		const newest = await apiGet(
			`${seeded.apiUrl}${commitPath(hashes[2]!)}/statuses`,
			seeded.tokens.repoRead,
		);
		const states = (newest.body.values as {key: string; state: string; url: string}[]).map(
			(status) => [status.key, status.state],
		);
		expect(states).toEqual([
			['lint', 'SUCCESSFUL'],
			['build', 'FAILED'],
		]);
		expect((newest.body.values as {url: string}[])[0]?.url).toMatch(
			/^http:\/\/127\.0\.0\.1:\d+\/acme\/widget\//,
		);
	});
});

describe('credential headers', () => {
	it('names the token kind and its scopes on every answer to a token, errors too', async () => {
		const expectations = [
			['repoWrite', 'repo_access_token', 'repository, repository:write, pullrequest'],
			['projectWrite', 'project_access_token', 'repository, repository:write'],
			['workspaceRead', 'workspace_access_token', 'repository'],
		] as const;
		for (const [name, type, scopes] of expectations) {
			const response = await apiGet(
				`${sandbox.apiUrl}/repositories/acme/widget`,
				sandbox.tokens[name],
			);
			expect(response.headers.get('x-credential-type'), name).toBe(type);
			expect(response.headers.get('x-oauth-scopes'), name).toBe(scopes);
		}

		const missing = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/nothing`,
			sandbox.tokens.repoRead,
		);
		expect(missing.status).toBe(404);
		expect(missing.headers.get('x-oauth-scopes')).toBe('repository');
		const anonymous = await apiGet(`${sandbox.apiUrl}/repositories/acme/gadget`);
		expect(anonymous.headers.get('x-credential-type')).toBeNull();
	});
});
