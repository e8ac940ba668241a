import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {GitHttpRequest, HttpClient} from 'isomorphic-git';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BitbucketClient} from '../../source/bitbucket/client.js';
import {AuthError} from '../../source/core/errors.js';
import {registerSecret} from '../../source/core/redaction.js';
import {
	type Advertisement,
	maxAgeMs,
	recordingAdvertisement,
	replayingAdvertisement,
} from '../../source/git/advertisement.js';
import {cloneRepository} from '../../source/git/clone.js';
import {probeAccess} from '../../source/git/probe.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {verifyAccess} from '../../source/use-cases/verify.js';
import {testDispatcher} from '../helpers/dispatcher.js';
import {createNativeGit, type NativeGit} from './native-git.js';

const widget = {workspace: 'acme', repo: 'widget'};
const infoRefs = 'https://bitbucket.example/acme/widget.git/info/refs?service=git-upload-pack';

/** A server stand-in answering every request with `text`, counting the requests. */
function fakeServer(text: string) {
	const asked: GitHttpRequest[] = [];
	const http: HttpClient = {
		async request(request) {
			asked.push(request);
			async function* body() {
				yield Buffer.from(text.slice(0, 3));
				yield Buffer.from(text.slice(3));
			}

			return {
				url: request.url,
				method: 'GET',
				statusCode: 200,
				statusMessage: 'OK',
				headers: {},
				body: body(),
			};
		},
	};
	return {http, asked};
}

async function read(http: HttpClient, request: GitHttpRequest): Promise<string> {
	const response = await http.request(request);
	const chunks: Uint8Array[] = [];
	for await (const chunk of response.body ?? []) chunks.push(chunk);
	return Buffer.concat(chunks).toString();
}

describe('the token check’s advertisement, reused by the clone', () => {
	it('is kept once read to the end, and only for upload-pack', async () => {
		const kept: Advertisement[] = [];
		const {http} = fakeServer('refs of the repository');
		const recording = recordingAdvertisement(http, (advertisement) => kept.push(advertisement));

		await read(recording, {url: infoRefs.replace('upload', 'receive')});
		expect(kept).toEqual([]);
		await recording.request({url: infoRefs}); // never read
		expect(kept).toEqual([]);
		await read(recording, {url: infoRefs});

		expect(kept).toHaveLength(1);
		expect(kept[0]!.url).toBe(infoRefs);
		expect(Buffer.concat(kept[0]!.body).toString()).toBe('refs of the repository');
	});

	it('answers the first request for its URL while fresh, and nothing else', async () => {
		const advertisement: Advertisement = {
			url: infoRefs,
			response: {url: infoRefs, method: 'GET', statusCode: 200, statusMessage: 'OK', headers: {}},
			body: [Buffer.from('kept '), Buffer.from('refs')],
			receivedAt: 1000,
		};
		const {http, asked} = fakeServer('server refs');
		const replaying = replayingAdvertisement(http, advertisement, () => 1000 + maxAgeMs);

		expect(await read(replaying, {url: infoRefs.replace('widget', 'other')})).toBe('server refs');
		expect(await read(replaying, {url: infoRefs})).toBe('kept refs');
		expect(await read(replaying, {url: infoRefs})).toBe('server refs');
		expect(asked.map((request) => request.url)).toEqual([
			infoRefs.replace('widget', 'other'),
			infoRefs,
		]);
	});

	it('is not used once older than its limit', async () => {
		const advertisement: Advertisement = {
			url: infoRefs,
			response: {url: infoRefs, method: 'GET', statusCode: 200, statusMessage: 'OK', headers: {}},
			body: [Buffer.from('old refs')],
			receivedAt: 1000,
		};
		const {http, asked} = fakeServer('server refs');
		const replaying = replayingAdvertisement(http, advertisement, () => 1001 + maxAgeMs);

		expect(await read(replaying, {url: infoRefs})).toBe('server refs');
		expect(asked).toHaveLength(1);
	});
});

describe('verify, then clone, against the sandbox', () => {
	let sandbox: Sandbox;
	let git: NativeGit;
	let root: string;

	beforeAll(async () => {
		sandbox = await startSandbox({env: process.env});
		git = await createNativeGit();
		root = await mkdtemp(path.join(tmpdir(), 'bbtok-advertisement-'));
		for (const token of Object.values(sandbox.tokens)) registerSecret(token);
	});

	afterAll(async () => {
		await sandbox?.close();
		await git?.dispose();
		await rm(root, {recursive: true, force: true});
	});

	const verify = (token: string) =>
		verifyAccess({
			endpoints: {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl},
			ref: widget,
			token,
			dispatcher: testDispatcher,
			client: new BitbucketClient({
				apiUrl: sandbox.apiUrl,
				webUrl: sandbox.gitUrl,
				token,
				dispatcher: testDispatcher,
			}),
		});

	const cloneWith = (dir: string, advertisement: Advertisement | undefined) =>
		cloneRepository({
			dir,
			dispatcher: testDispatcher,
			gitUrl: sandbox.gitUrl,
			ref: widget,
			token: sandbox.tokens.repoWrite,
			auth: 'prompt',
			...(advertisement ? {advertisement} : {}),
		});

	const gitRequests = (from: number) =>
		sandbox.requests.slice(from).filter((request) => request.server === 'git');

	it('clones with one request to git, the pack, when the check has just asked for the refs', async () => {
		const {advertisement} = await verify(sandbox.tokens.repoWrite);
		expect(advertisement).toBeDefined();
		const before = sandbox.requests.length;
		const dir = path.join(root, 'fresh');

		await cloneWith(dir, advertisement);

		expect(gitRequests(before).map((request) => request.method)).toEqual(['POST']);
		await git(['fsck', '--full', '--strict', '--no-progress'], {cwd: dir});
		expect(await git(['rev-parse', 'HEAD'], {cwd: dir})).toBe(
			await git(['rev-parse', 'main'], {cwd: sandbox.gitDirOf('acme', 'widget')}),
		);
	});

	it('asks git for the refs again when the check is older than the limit', async () => {
		const {advertisement} = await verify(sandbox.tokens.repoWrite);
		const before = sandbox.requests.length;
		const stale = {...advertisement!, receivedAt: Date.now() - maxAgeMs - 1};

		await cloneWith(path.join(root, 'stale'), stale);

		expect(gitRequests(before).map((request) => request.method)).toEqual(['GET', 'POST']);
	});

	it("reports the API's refusal, not git's, though both are asked at once", async () => {
		const token = sandbox.tokens.revoked;
		const messageOf = (promise: Promise<unknown>) =>
			promise.then(
				() => 'accepted',
				(error: unknown) => (error as Error).message,
			);
		const fromApi = await messageOf(
			new BitbucketClient({
				apiUrl: sandbox.apiUrl,
				token,
				dispatcher: testDispatcher,
			}).getRepository(widget),
		);
		const fromGit = await messageOf(
			probeAccess({gitUrl: sandbox.gitUrl, ref: widget, token, dispatcher: testDispatcher}),
		);
		expect(fromGit).not.toBe(fromApi);

		const error = await verify(token).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(AuthError);
		expect((error as AuthError).message).toBe(fromApi);
	});
});
