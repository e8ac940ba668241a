import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BitbucketClient} from '../../source/bitbucket/client.js';
import {checkScopes, grantLines, grantOf} from '../../source/bitbucket/grant.js';
import {createDispatcher} from '../../source/bitbucket/http.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';

let sandbox: Sandbox;
const dispatcher = createDispatcher({env: {}});

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), dispatcher.close()]);
});

describe('grant', () => {
	it('reads x-oauth-scopes and x-credential-type; nothing when neither is there', () => {
		expect(
			grantOf({
				'x-oauth-scopes': 'repository, repository:write',
				'x-credential-type': 'repo_access_token',
			}),
		).toEqual({scopes: ['repository', 'repository:write'], credentialType: 'repo_access_token'});
		expect(grantOf({'x-oauth-scopes': 'repository,webhook'})).toEqual({
			scopes: ['repository', 'webhook'],
		});
		expect(grantOf({})).toBeUndefined();
	});

	it('names what is missing for what was asked, and what goes beyond a clone', () => {
		expect(checkScopes({scopes: ['pullrequest']}, {push: true})).toEqual({
			missing: [
				{scope: 'repository', for: 'clone'},
				{scope: 'repository:write', for: 'push'},
			],
			beyond: ['pullrequest'],
		});
		expect(
			checkScopes({scopes: ['repository:admin', 'webhook', 'pipeline:variable']}, {push: true}),
		).toEqual({
			missing: [],
			beyond: ['repository:admin', 'webhook', 'pipeline:variable'],
		});
		expect(checkScopes({scopes: ['repository']}, {push: false})).toEqual({missing: [], beyond: []});
		expect(
			grantLines(
				{scopes: ['repository', 'repository:delete'], credentialType: 'project_access_token'},
				{push: true},
			),
		).toEqual([
			'Scopes: repository, repository:delete (project access token)',
			'missing: repository:write, needed to push',
			'warning: scopes beyond what a clone needs: repository:delete; a token with only repository (and repository:write to push) is safer',
		]);
	});

	it('the client keeps the grant of the latest answer, error answers included', async () => {
		const client = new BitbucketClient({
			apiUrl: sandbox.apiUrl,
			token: sandbox.tokens.repoNoScope,
			dispatcher,
		});
		expect(client.grant).toBeUndefined();
		await expect(client.getRepository({workspace: 'acme', repo: 'widget'})).rejects.toThrow();
		expect(client.grant).toEqual({scopes: ['pullrequest'], credentialType: 'repo_access_token'});
	});
});
