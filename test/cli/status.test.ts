/**
 * `bbtok-tui status PATH` with the built CLI against the sandbox, one case per exit code of
 * PRODUCT.md's status section, on clones the real git made. Every run must leave the clone's
 * config byte-identical and print no token (helper mode is in helper-auth.test.ts).
 */
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {type HelperHome, helperHome} from '../helpers/credential-helpers.js';
import {runCli, transcript} from './run-cli.js';

let sandbox: Sandbox;
let home: HelperHome;
let root: string;
const appPassword = 'ATBBx7Kq2mVnT9sLpW4eR5tY';

beforeAll(async () => {
	[sandbox, home] = await Promise.all([startSandbox({env: process.env}), helperHome([])]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-status-'));
});

afterAll(async () => {
	for (const printed of transcript) {
		for (const token of [...Object.values(sandbox.tokens), appPassword]) {
			expect(printed).not.toContain(token);
		}
	}

	await Promise.all([sandbox?.close(), home?.dispose(), rm(root, {recursive: true, force: true})]);
});

/** A clone the real git made, its origin then set to `url` (userinfo and all). */
async function clone(name: string, url: (base: string) => string, email?: string): Promise<string> {
	const dir = path.join(root, name);
	await home.git(['init', '-q', dir]);
	await home.git(
		['remote', 'add', 'origin', url(`${sandbox.gitUrl.replace('http://', '')}/acme/widget.git`)],
		{
			cwd: dir,
		},
	);
	if (email) {
		await home.git(['config', 'user.email', email], {cwd: dir});
	}

	return dir;
}

async function status(
	dir: string,
	options: {env?: NodeJS.ProcessEnv; stdin?: string; args?: string[]} = {},
) {
	const configPath = path.join(dir, '.git', 'config');
	const before = await readFile(configPath, 'utf8').catch(() => '');
	const result = await runCli(['status', dir, '--json', ...(options.args ?? [])], {
		cwd: root,
		stdin: options.stdin,
		env: {
			...home.env,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			...options.env,
		},
	}).done;
	expect(await readFile(configPath, 'utf8').catch(() => '')).toBe(before);
	return {...result, json: JSON.parse(result.stdout || '{}') as Record<string, unknown>};
}

describe('status', () => {
	it('an embedded token: found in the URL (shown as ***), fetch and push work, bot email recognised', async () => {
		const dir = await clone(
			'embed',
			(rest) => `http://x-token-auth:${sandbox.tokens.repoWrite}@${rest}`,
			sandbox.botEmails.repoWrite,
		);
		const result = await status(dir);
		expect(result.code, result.stderr).toBe(0);
		expect(result.json).toMatchObject({
			ok: true,
			repository: 'acme/widget',
			remote: {
				name: 'origin',
				url: `http://x-token-auth:***@${sandbox.gitUrl.replace('http://', '')}/acme/widget.git`,
			},
			mode: 'embed',
			token: {source: 'embedded-url', kind: 'access-token'},
			fetch: true,
			push: true,
			credentialType: 'repo_access_token',
			userEmail: {value: sandbox.botEmails.repoWrite, bot: true},
		});
		expect((result.json.rateLimit as {limit: number}).limit).toBe(1000);
	});

	it('a prompt clone with no token anywhere: exit 3, nothing found, how to give one', async () => {
		const dir = await clone(
			'prompt',
			(rest) => `http://x-token-auth@${rest}`,
			'someone@example.com',
		);
		const result = await status(dir);
		expect(result.code).toBe(3);
		expect(result.json).toMatchObject({
			ok: false,
			mode: 'prompt',
			token: {source: null},
			userEmail: {bot: false},
		});
		expect(result.stderr).toContain('No token found');
		expect(result.stderr).toContain('--token-stdin or BITBUCKET_ACCESS_TOKEN');
	});

	it('the token from BITBUCKET_ACCESS_TOKEN or --token-stdin; a read-only one is exit 0 with push read only', async () => {
		const dir = path.join(root, 'prompt');
		const fromEnv = await status(dir, {env: {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead}});
		expect(fromEnv.code, fromEnv.stderr).toBe(0);
		expect(fromEnv.json).toMatchObject({
			token: {source: 'env'},
			fetch: true,
			push: false,
			scopes: ['repository'],
		});
		const piped = await status(dir, {
			stdin: `${sandbox.tokens.repoWrite}\n`,
			args: ['--token-stdin'],
		});
		expect(piped.json).toMatchObject({token: {source: 'token-stdin'}, push: true});
		const text = await runCli(['status', dir], {
			cwd: root,
			env: {
				...home.env,
				BBTOK_API_URL: sandbox.apiUrl,
				BBTOK_GIT_URL: sandbox.gitUrl,
				BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead,
			},
		}).done;
		expect(text.stdout).toContain('push       read only: the token lacks repository:write');
		expect(text.stdout).toContain('user.email someone@example.com (not a bot address');
	});

	it('a rejected token: exit 3 with the next step, rotate then fix-remote', async () => {
		const dir = await clone(
			'revoked',
			(rest) => `http://x-token-auth:${sandbox.tokens.revoked}@${rest}`,
		);
		const result = await status(dir);
		expect(result.code).toBe(3);
		expect(result.json).toMatchObject({
			mode: 'embed',
			token: {source: 'embedded-url'},
			fetch: null,
		});
		expect(result.stderr).toMatch(
			/Rotate it .*then run bbtok-tui fix-remote .* with the new token/,
		);
	});

	it('a token lacking repository: exit 3 naming the scope; one of another repository: exit 4', async () => {
		const noScope = await status(path.join(root, 'prompt'), {
			env: {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoNoScope},
		});
		expect(noScope.code).toBe(3);
		expect(noScope.json).toMatchObject({
			scopes: ['pullrequest'],
			missingScopes: ['repository', 'repository:write'],
		});
		const other = await status(path.join(root, 'prompt'), {
			env: {BITBUCKET_ACCESS_TOKEN: sandbox.tokens.otherRepo},
		});
		expect(other.code).toBe(4);
	});

	it('an app password in the URL: mode app-password, exit 3, the removal named, nothing sent', async () => {
		const dir = await clone('app-password', (rest) => `http://jo:${appPassword}@${rest}`);
		const requests = sandbox.requests.length;
		const result = await status(dir);
		expect(result.code).toBe(3);
		expect(result.json).toMatchObject({
			mode: 'app-password',
			verdict: 'dead',
			token: {kind: 'app-password'},
		});
		expect(result.stderr).toContain('Atlassian removed app passwords on 28 July 2026');
		expect(sandbox.requests.length).toBe(requests);
	});

	it('not a clone, or no Bitbucket remote: exit 2', async () => {
		const plain = await mkdtemp(path.join(root, 'plain-'));
		expect((await status(plain)).code).toBe(2);
		const elsewhere = path.join(root, 'github');
		await home.git(['init', '-q', elsewhere]);
		await home.git(['remote', 'add', 'origin', 'https://github.com/acme/widget.git'], {
			cwd: elsewhere,
		});
		const result = await status(elsewhere);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('No Bitbucket remote');
	});
});
