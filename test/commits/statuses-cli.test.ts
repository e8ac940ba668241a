/**
 * `commits --statuses` headless through the built CLI against the sandbox: with the
 * `pipeline` scope, one pipelines request answers for the commits made since the oldest
 * pipeline (the marks are those of the per-commit statuses, for fewer requests), and a run
 * stops, printing what it has, when Bitbucket flags the rate limit as near.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {CommitStatus} from '../../source/bitbucket/types.js';
import {buildSummary} from '../../source/commits/build-status.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {apiPost} from '../sandbox/helpers.js';

const identity = {
	GIT_AUTHOR_NAME: 'Alice Martin',
	GIT_AUTHOR_EMAIL: 'alice.martin@acme.example',
	GIT_COMMITTER_NAME: 'Alice Martin',
	GIT_COMMITTER_EMAIL: 'alice.martin@acme.example',
};
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

let sandbox: Sandbox;
let git: NativeGit;
let scratch: string;
/** main, newest first: six commits pushed after pipeline #1 ran on the seeded tip, then the seed. */
let main: string[];

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	scratch = await mkdtemp(path.join(tmpdir(), 'bbtok-statuses-cli-'));
	const results = `${sandbox.gitUrl}/acme/widget/pipelines/results`;
	const gitDir = sandbox.gitDirOf('acme', 'widget');
	const seededTip = await git(['--git-dir', gitDir, 'rev-parse', 'main']);
	await status(seededTip, {key: 'build', state: 'SUCCESSFUL', url: `${results}/1`});
	// Commit dates have whole seconds: the pushed commits are dated after pipeline #1.
	await sleep(1100);
	const work = path.join(scratch, 'work');
	const remote = new URL(`${sandbox.gitUrl}/acme/widget.git`);
	remote.username = 'x-token-auth';
	remote.password = sandbox.tokens.repoWrite;
	await git(['clone', '--quiet', remote.href, work]);
	for (let index = 1; index <= 6; index++) {
		await git(['-C', work, 'commit', '--quiet', '--allow-empty', '-m', `Change ${index}`], {
			env: identity,
		});
	}

	await git(['-C', work, 'push', '--quiet', 'origin', 'main']);
	main = (await git(['--git-dir', gitDir, 'rev-list', '-10', 'main'])).split('\n');
	// Pipelines ran on the pushed tip and on the third commit; the others built nothing.
	await status(main[0]!, {key: 'build', state: 'INPROGRESS', url: `${results}/3`});
	await status(main[3]!, {key: 'build', state: 'FAILED', url: `${results}/2`});
	await status(main[0]!, {key: 'lint', state: 'SUCCESSFUL', url: `${results}/4`});
}, 60_000);

afterAll(async () => {
	await Promise.all([
		sandbox?.close(),
		git?.dispose(),
		rm(scratch, {recursive: true, force: true}),
	]);
});

async function status(hash: string, body: Record<string, string>): Promise<void> {
	const answer = await apiPost(
		`${sandbox.apiUrl}/repositories/acme/widget/commit/${hash}/statuses/build`,
		sandbox.tokens.repoWrite,
		body,
	);
	expect(answer.status).toBe(201);
}

type Run = {code: number; stdout: string; stderr: string};

function bbtok(args: readonly string[], token: string, on = sandbox): Promise<Run> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[cli, 'commits', 'acme/widget', ...args, '--api-url', on.apiUrl, '--git-url', on.gitUrl],
			{
				cwd: scratch,
				env: {PATH: process.env.PATH, HOME: git.home, BITBUCKET_ACCESS_TOKEN: token},
				maxBuffer: 64 * 1024 * 1024,
			},
			(error, stdout, stderr) => resolve({code: error ? Number(error.code) : 0, stdout, stderr}),
		);
	});
}

type Line = {hash: string; statuses?: {state: CommitStatus['state']}[]};

function lines(stdout: string): Line[] {
	return stdout
		.trim()
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as Line);
}

const marks = (printed: Line[]) =>
	printed.map((line) =>
		buildSummary((line.statuses ?? []).map((item) => ({type: 'build', key: '', ...item}))),
	);

function requestsDuring(from: number) {
	const made = sandbox.requests.slice(from).filter((request) => request.server === 'api');
	return {
		statuses: made.filter((request) => request.url.includes('/statuses')).length,
		pipelines: made.filter((request) => request.url.includes('/pipelines')).length,
	};
}

describe('commits --statuses', () => {
	it('with the pipeline scope, one pipelines request answers for the commits made since pipeline #1', async () => {
		let from = sandbox.requests.length;
		const plain = await bbtok(['--json', '--statuses', '--limit', '10'], sandbox.tokens.repoRead);
		expect(plain.code).toBe(0);
		expect(requestsDuring(from)).toEqual({statuses: 10, pipelines: 0});

		from = sandbox.requests.length;
		const shortcut = await bbtok(
			['--json', '--statuses', '--limit', '10'],
			sandbox.tokens.repoPipelines,
		);
		expect(shortcut.code).toBe(0);
		// The six pushed commits come from the pipelines page; the four seeded ones are asked alone.
		expect(requestsDuring(from)).toEqual({statuses: 4, pipelines: 1});
		expect(lines(shortcut.stdout).map((line) => line.hash)).toEqual(main);
		expect(marks(lines(shortcut.stdout))).toEqual(marks(lines(plain.stdout)));
		expect(marks(lines(shortcut.stdout)).slice(0, 5)).toEqual([
			'INPROGRESS',
			'none',
			'none',
			'FAILED',
			'none',
		]);
	});

	it('stops when Bitbucket says the rate limit is near, printing what it has (exit 5)', async () => {
		const limited = await startSandbox({env: process.env, rateLimit: {limit: 100}});
		try {
			const run = await bbtok(
				['--json', '--statuses', '--limit', '1000'],
				limited.tokens.repoRead,
				limited,
			);
			expect(run.code).toBe(5);
			expect(run.stderr).toMatch(/Stopped after \d+ commits: .*near its rate limit/);
			expect(run.stderr).not.toContain(limited.tokens.repoRead);
			// In --json, the failure is the last line, after the commits printed.
			const all = lines(run.stdout);
			expect(all.at(-1)).toMatchObject({ok: false, error: {exitCode: 5}});
			const printed = all.slice(0, -1);
			expect(printed.length).toBeGreaterThan(80);
			expect(printed.every((line) => Array.isArray(line.statuses))).toBe(true);
			// X-RateLimit-NearLimit comes with 5 requests left: none is spent past the limit.
			const api = limited.requests.filter((request) => request.server === 'api');
			expect(api.length).toBeLessThanOrEqual(100);
		} finally {
			await limited.close();
		}
	});
});
