/**
 * Contract: every REST body the client reads validates against the matching component
 * schema of Atlassian's own OpenAPI document (shared/bitbucket-cloud-openapi.json).
 */
import {readFile} from 'node:fs/promises';
import {Ajv, type ValidateFunction} from 'ajv';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {apiGet, apiPost, git, temporaryDirectory} from '../sandbox/helpers.js';

/** `shared/` beside the checkout, or beside a folder above it (a git worktree lives deeper). */
async function readDocument(): Promise<string> {
	for (let up = '../../../'; up.length < 30; up += '../') {
		const text = await readFile(
			new URL(`${up}shared/bitbucket-cloud-openapi.json`, import.meta.url),
			'utf8',
		).catch(() => undefined);
		if (text !== undefined) {
			return text;
		}
	}

	throw new Error('shared/bitbucket-cloud-openapi.json not found beside the checkout');
}

const documentId = 'https://bbtok.invalid/bitbucket-cloud-openapi.json';

let sandbox: Sandbox;
let scratch: {path: string; remove: () => Promise<void>};
let ajv: Ajv;

beforeAll(async () => {
	const document = JSON.parse(await readDocument()) as {components: unknown};
	// OpenAPI keywords (discriminator, readOnly, x-bb-*) are not JSON Schema: strict off ignores them.
	ajv = new Ajv({strict: false, allErrors: true, logger: false});
	ajv.addFormat('uri', (value: string) => /^[a-z][\d+.a-z-]*:/i.test(value) && URL.canParse(value));
	ajv.addFormat(
		'date-time',
		(value: string) =>
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
			!Number.isNaN(Date.parse(value)),
	);
	ajv.addFormat('int32', true);
	ajv.addFormat('int64', true);
	ajv.addSchema({$id: documentId, components: document.components});
	sandbox = await startSandbox({env: process.env});
	scratch = await temporaryDirectory('bbtok-contract-');
});

afterAll(async () => {
	await sandbox?.close();
	await scratch?.remove();
});

function schema(name: string): ValidateFunction {
	const validate = ajv.getSchema(`${documentId}#/components/schemas/${name}`);
	if (validate === undefined) {
		throw new Error(`No component schema ${name}`);
	}

	return validate;
}

function expectValid(name: string, body: unknown, context = ''): void {
	const validate = schema(name);
	const valid = validate(body);
	expect(valid ? [] : validate.errors?.slice(0, 5), `${name} ${context}`).toEqual([]);
}

async function body(
	path: string,
	token = sandbox.tokens.repoRead,
): Promise<Record<string, unknown>> {
	const response = await apiGet(`${sandbox.apiUrl}${path}`, token);
	expect(response.status, path).toBe(200);
	return response.body;
}

const local = (args: string[]) =>
	git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), ...args], {home: scratch.path});

describe('REST bodies match the OpenAPI component schemas', () => {
	it('the validator itself rejects what Bitbucket would not send', () => {
		expect(
			schema('repository')({type: 'repository', links: {bogus: {href: 'http://x.invalid'}}}),
		).toBe(false);
		expect(schema('commit')({type: 'commit', summary: {raw: 'x', type: 'rendered'}})).toBe(false);
		expect(schema('commit')({type: 'commit', date: 'yesterday'})).toBe(false);
		expect(schema('paginated_changeset')({values: [], pagelen: 10, next: 'not a url'})).toBe(false);
		expect(schema('error')({type: 'error', error: {detail: 'no message'}})).toBe(false);
	});

	it('repository and paginated_repositories', async () => {
		expectValid('repository', await body('/repositories/acme/widget'));
		expectValid('repository', await body('/repositories/acme/gadget'));
		expectValid(
			'paginated_repositories',
			await body('/repositories/acme', sandbox.tokens.workspaceRead),
		);
	});

	it('paginated_changeset on every page of every branch, and commit for merges, roots and bot commits', async () => {
		for (const revision of ['main', 'develop', 'feature%2Flogin', '']) {
			let url: string | undefined =
				`${sandbox.apiUrl}/repositories/acme/widget/commits/${revision}?pagelen=100`;
			while (url !== undefined) {
				const page: Record<string, unknown> = (await apiGet(url, sandbox.tokens.repoRead)).body;
				expectValid('paginated_changeset', page, url);
				url = page.next as string | undefined;
			}
		}

		const samples = [
			await local(['rev-list', '--merges', '-1', 'main']),
			await local(['rev-list', '--max-parents=0', 'main']),
			await local(['log', '-1', '--format=%H', `--author=${sandbox.botEmails.repoWrite}`, 'main']),
		];
		for (const hash of samples) {
			expectValid('commit', await body(`/repositories/acme/widget/commit/${hash}`), hash);
		}
	});

	it('paginated_diffstats for additions, changes, binaries, merges and ranges', async () => {
		const root = await local(['rev-list', '--max-parents=0', 'main']);
		const logo = await local(['log', '-1', '--format=%H', '--', 'assets/logo.png']);
		const merge = await local(['rev-list', '--merges', '-1', 'main']);
		for (const spec of [root, logo, merge, 'main', 'feature%2Flogin..main']) {
			expectValid(
				'paginated_diffstats',
				await body(`/repositories/acme/widget/diffstat/${spec}`),
				spec,
			);
		}
	});

	it('paginated_branches, paginated_tags, paginated_refs, branch and tag', async () => {
		expectValid('paginated_branches', await body('/repositories/acme/widget/refs/branches'));
		expectValid('paginated_tags', await body('/repositories/acme/widget/refs/tags'));
		expectValid('paginated_refs', await body('/repositories/acme/widget/refs'));
		expectValid('branch', await body('/repositories/acme/widget/refs/branches/main'));
		expectValid('tag', await body('/repositories/acme/widget/refs/tags/v2.0'));
	});

	it('commitstatus and paginated_commitstatuses, created through the API and seeded', async () => {
		const seeded = await startSandbox({env: process.env, seedStatuses: true});
		try {
			const hashes = (await local(['rev-list', '-3', 'main'])).split('\n');
			for (const hash of hashes) {
				const page = await apiGet(
					`${seeded.apiUrl}/repositories/acme/widget/commit/${hash}/statuses`,
					seeded.tokens.repoRead,
				);
				expectValid('paginated_commitstatuses', page.body, hash);
				expect((page.body.values as unknown[]).length, hash).toBeGreaterThan(0);
			}

			const created = await apiPost(
				`${sandbox.apiUrl}/repositories/acme/widget/commit/${hashes[0]}/statuses/build`,
				sandbox.tokens.repoRead,
				{key: 'BB-DEPLOY', state: 'STOPPED', url: 'https://ci.example/deploy/1'},
			);
			expect(created.status).toBe(201);
			expectValid('commitstatus', created.body);
			const bad = await apiPost(
				`${sandbox.apiUrl}/repositories/acme/widget/commit/${hashes[0]}/statuses/build`,
				sandbox.tokens.repoRead,
				{state: 'STOPPED'},
			);
			expectValid('error', bad.body, 'status without key');
		} finally {
			await seeded.close();
		}
	});

	it('paginated_pipelines and pipeline, derived from statuses that report a pipeline', async () => {
		const seeded = await startSandbox({env: process.env, seedStatuses: true});
		try {
			const page = await apiGet(
				`${seeded.apiUrl}/repositories/acme/widget/pipelines?sort=-created_on&pagelen=100`,
				seeded.tokens.repoPipelines,
			);
			expect(page.status).toBe(200);
			expectValid('paginated_pipelines', page.body);
			const values = page.body.values as unknown[];
			expect(values.length).toBe(5);
			for (const [index, pipeline] of values.entries()) {
				expectValid('pipeline', pipeline, String(index));
			}
		} finally {
			await seeded.close();
		}
	});

	it('error, for 400, 401, 404 and 429 (and 403 with its documented exception)', async () => {
		const errors = [
			await apiGet(
				`${sandbox.apiUrl}/repositories/acme/widget/commits?pagelen=1`,
				sandbox.tokens.repoRead,
			),
			await apiGet(`${sandbox.apiUrl}/repositories/acme/widget`, sandbox.tokens.revoked),
			await apiGet(`${sandbox.apiUrl}/user`, sandbox.tokens.repoRead),
			await apiGet(`${sandbox.apiUrl}/repositories/acme/widget`, sandbox.tokens.otherRepo),
		];
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 1}});
		errors.push(
			await apiGet(`${sandbox.apiUrl}/repositories/acme/widget`, sandbox.tokens.repoRead),
		);
		expect(errors.map((error) => error.status)).toEqual([400, 401, 401, 404, 429]);
		for (const error of errors) {
			expectValid('error', error.body, String(error.status));
		}

		// The OpenAPI `error` schema types `error.detail` as a string (additionalProperties false),
		// but Bitbucket sends an object {granted, required} on a scope 403, and PRODUCT.md follows
		// Bitbucket. So: the body minus `detail` must validate, and `detail` must have that shape.
		const forbidden = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/widget`,
			sandbox.tokens.repoNoScope,
		);
		expect(forbidden.status).toBe(403);
		const {detail, ...rest} = (forbidden.body as {error: {detail: unknown}}).error;
		expectValid('error', {...forbidden.body, error: rest}, '403');
		expect(detail).toEqual({granted: ['pullrequest'], required: ['repository']});
	});
});

describe('grant headers, as Bitbucket sends them on every REST answer to an access token', () => {
	it('x-credential-type and x-oauth-scopes on answers and errors alike; none for a rejected token', async () => {
		const {tokens} = sandbox;
		const cases = [
			[
				'/repositories/acme/widget',
				tokens.repoWrite,
				200,
				'repo_access_token',
				'repository, repository:write, pullrequest',
			],
			[
				'/repositories/acme/widget/refs/branches',
				tokens.repoRead,
				200,
				'repo_access_token',
				'repository',
			],
			['/repositories/acme/widget', tokens.repoNoScope, 403, 'repo_access_token', 'pullrequest'],
			[
				'/repositories/acme/widget',
				tokens.otherRepo,
				404,
				'repo_access_token',
				'repository, repository:write',
			],
			['/repositories/acme', tokens.workspaceRead, 200, 'workspace_access_token', 'repository'],
			[
				'/repositories/acme/widget',
				tokens.projectWrite,
				200,
				'project_access_token',
				'repository, repository:write',
			],
			['/user', tokens.repoRead, 401, 'repo_access_token', 'repository'],
		] as const;
		for (const [path, token, status, type, scopes] of cases) {
			const response = await apiGet(`${sandbox.apiUrl}${path}`, token);
			expect([path, response.status]).toEqual([path, status]);
			expect(response.headers.get('x-credential-type'), path).toBe(type);
			expect(response.headers.get('x-oauth-scopes'), path).toBe(scopes);
		}

		const rejected = await apiGet(`${sandbox.apiUrl}/repositories/acme/widget`, tokens.revoked);
		expect(rejected.status).toBe(401);
		expect(rejected.headers.get('x-credential-type')).toBeNull();
		expect(rejected.headers.get('x-oauth-scopes')).toBeNull();
	});
});
