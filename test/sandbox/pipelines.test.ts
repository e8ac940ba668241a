/**
 * The sandbox's pipelines list: derived from the statuses that report a pipeline (their url
 * is its results page), newest first with sort=-created_on, paged, behind the `pipeline`
 * scope as the OpenAPI document gives.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {apiGet, apiPost, git, temporaryDirectory} from './helpers.js';

let sandbox: Sandbox;
let scratch: {path: string; remove: () => Promise<void>};
let hashes: string[];

beforeAll(async () => {
	[sandbox, scratch] = await Promise.all([
		startSandbox({env: process.env}),
		temporaryDirectory('bbtok-sandbox-pipelines-'),
	]);
	const output = await git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-list', 'main'], {
		home: scratch.path,
	});
	hashes = output.trim().split('\n');
	const results = `${sandbox.gitUrl}/acme/widget/pipelines/results`;
	const statuses: [string, Record<string, string>][] = [
		[hashes[2]!, {key: 'build', state: 'SUCCESSFUL', name: 'Pipeline #7', url: `${results}/7`}],
		[hashes[1]!, {key: 'build', state: 'FAILED', name: 'Pipeline #8', url: `${results}/8`}],
		[hashes[1]!, {key: 'jenkins', state: 'SUCCESSFUL', url: 'https://ci.example/job/1'}],
		[hashes[0]!, {key: 'build', state: 'INPROGRESS', name: 'Pipeline #9', url: `${results}/9`}],
	];
	for (const [hash, body] of statuses) {
		const answer = await apiPost(
			`${sandbox.apiUrl}/repositories/acme/widget/commit/${hash}/statuses/build`,
			sandbox.tokens.repoWrite,
			body,
		);
		expect(answer.status).toBe(201);
	}
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), scratch?.remove()]);
});

const pipelines = (query = '', token = sandbox.tokens.repoPipelines) =>
	apiGet(`${sandbox.apiUrl}/repositories/acme/widget/pipelines${query}`, token);

type Listed = {
	build_number: number;
	target: {commit: {hash: string}; ref_name: string; selector: {pattern: string}};
	state: {name: string; result?: {name: string}; stage?: {name: string}};
	completed_on?: string;
};

describe('pipelines', () => {
	it('lists the statuses that report a pipeline, newest first, with state and commit', async () => {
		const answer = await pipelines('?sort=-created_on&pagelen=100');
		expect(answer.status).toBe(200);
		expect(answer.headers.get('x-oauth-scopes')).toBe('repository, pipeline');
		const values = answer.body.values as Listed[];
		expect(values.map((pipeline) => pipeline.build_number)).toEqual([9, 8, 7]);
		expect(values.map((pipeline) => pipeline.target.commit.hash)).toEqual(hashes.slice(0, 3));
		expect(values[0]?.state).toMatchObject({name: 'IN_PROGRESS', stage: {name: 'RUNNING'}});
		expect(values[0]?.completed_on).toBeUndefined();
		expect(values[1]?.state).toMatchObject({name: 'COMPLETED', result: {name: 'FAILED'}});
		expect(values[2]?.state).toMatchObject({name: 'COMPLETED', result: {name: 'SUCCESSFUL'}});
		expect(values[2]?.target).toMatchObject({ref_name: 'main', selector: {pattern: 'build'}});
	});

	it('sorts oldest first by default and pages like Bitbucket (a trailing slash too)', async () => {
		const first = await pipelines('/?pagelen=2');
		expect(first.status).toBe(200);
		expect((first.body.values as Listed[]).map((pipeline) => pipeline.build_number)).toEqual([
			7, 8,
		]);
		expect(first.body.size).toBe(3);
		const next = await apiGet(String(first.body.next), sandbox.tokens.repoPipelines);
		expect((next.body.values as Listed[]).map((pipeline) => pipeline.build_number)).toEqual([9]);
	});

	it('needs the pipeline scope: 403 naming it, for a token with repository alone', async () => {
		const answer = await pipelines('', sandbox.tokens.repoRead);
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({
			type: 'error',
			error: {detail: {required: ['pipeline'], granted: ['repository']}},
		});
	});

	it('refuses an unknown sort with 400 in Bitbucket format', async () => {
		const answer = await pipelines('?sort=build_seconds_used');
		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({type: 'error', error: {message: expect.any(String)}});
	});
});
