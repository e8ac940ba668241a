import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AuthError, BbtokError, ExitCode, NotFoundError} from '../../source/core/errors.js';
import {registerSecret} from '../../source/core/redaction.js';
import {probeAccess} from '../../source/git/probe.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {testDispatcher} from '../helpers/dispatcher.js';
import {createNativeGit, type NativeGit} from './native-git.js';

const widget = {workspace: 'acme', repo: 'widget'};
let sandbox: Sandbox;
let git: NativeGit;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	git = await createNativeGit();
	for (const token of Object.values(sandbox.tokens)) {
		registerSecret(token);
	}
});

afterAll(async () => {
	await sandbox?.close();
	await git?.dispose();
});

const probe = (token: string, ref = widget) =>
	probeAccess({gitUrl: sandbox.gitUrl, ref, token, dispatcher: testDispatcher});

async function probeFailure(token: string, ref = widget): Promise<BbtokError> {
	const error = await probe(token, ref).then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(BbtokError);
	const failure = error as BbtokError;
	for (const secret of Object.values(sandbox.tokens)) {
		expect(`${failure.message} ${failure.hint} ${failure.stack}`).not.toContain(secret);
	}

	return failure;
}

describe('probeAccess', () => {
	it('says a write token can push and a read token cannot, changing nothing on the server', async () => {
		const bare = sandbox.gitDirOf('acme', 'widget');
		const refsBefore = await git(['for-each-ref'], {cwd: bare});
		const requestsBefore = sandbox.requests.length;

		expect(await probe(sandbox.tokens.repoWrite)).toMatchObject({canPush: true});
		expect(await probe(sandbox.tokens.projectWrite)).toMatchObject({canPush: true});
		expect(await probe(sandbox.tokens.repoRead)).toMatchObject({canPush: false});
		expect(await probe(sandbox.tokens.workspaceRead)).toMatchObject({canPush: false});

		expect(await git(['for-each-ref'], {cwd: bare})).toBe(refsBefore);
		const probes = sandbox.requests.slice(requestsBefore);
		expect(probes.every((request) => request.method === 'GET' && request.server === 'git')).toBe(
			true,
		);
		expect(probes.every((request) => request.url.includes('/info/refs?service='))).toBe(true);
	});

	it('reports a revoked token as rejected (exit 3)', async () => {
		const error = await probeFailure(sandbox.tokens.revoked);
		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).reason).toBe('rejected');
		expect(error.exitCode).toBe(ExitCode.auth);
	});

	it('reports a token without the repository scope as a scope error naming it', async () => {
		const error = (await probeFailure(sandbox.tokens.repoNoScope)) as AuthError;
		expect(error).toBeInstanceOf(AuthError);
		expect(error.reason).toBe('scope');
		expect(error.required).toEqual(['repository']);
	});

	it("reports a repository outside the token's reach as not found (exit 4)", async () => {
		const error = await probeFailure(sandbox.tokens.otherRepo);
		expect(error).toBeInstanceOf(NotFoundError);
		expect(error.exitCode).toBe(ExitCode.notFound);
	});
});
