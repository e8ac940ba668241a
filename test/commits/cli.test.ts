/**
 * `bbtok-tui commits` headless, through the built CLI (`npm run build` first) against the
 * sandbox: output order checked against the real `git log` of the seeded repositories.
 */
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {apiPost} from '../sandbox/helpers.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

let sandbox: Sandbox;
let git: NativeGit;
let scratch: string;

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	scratch = await mkdtemp(path.join(tmpdir(), 'bbtok-commits-cli-'));
});

afterAll(async () => {
	await Promise.all([sandbox.close(), git.dispose(), rm(scratch, {recursive: true, force: true})]);
});

type Run = {code: number; stdout: string; stderr: string};

function bbtok(
	args: readonly string[],
	options: {token?: string; cwd?: string; input?: string; env?: NodeJS.ProcessEnv} = {},
): Promise<Run> {
	return new Promise((resolve) => {
		const child = execFile(
			process.execPath,
			[cli, 'commits', ...args, '--api-url', sandbox.apiUrl, '--git-url', sandbox.gitUrl],
			{
				cwd: options.cwd ?? scratch,
				env: {
					PATH: process.env.PATH,
					HOME: git.home,
					BITBUCKET_ACCESS_TOKEN: options.token ?? sandbox.tokens.repoRead,
					...options.env,
				},
				maxBuffer: 64 * 1024 * 1024,
			},
			(error, stdout, stderr) => resolve({code: error ? Number(error.code) : 0, stdout, stderr}),
		);
		child.stdin?.end(options.input ?? '');
	});
}

function jsonLines(stdout: string): {hash: string; [key: string]: unknown}[] {
	return stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
}

async function gitLog(revision: string, count: number): Promise<string[]> {
	const output = await git([
		'--git-dir',
		sandbox.gitDirOf('acme', 'widget'),
		'log',
		'--format=%H',
		`-${count}`,
		revision,
	]);
	return output.split('\n');
}

describe('bbtok-tui commits (headless)', () => {
	it('prints the newest 30 commits of the main branch as JSON lines, in git log order', async () => {
		const {code, stdout, stderr} = await bbtok(['acme/widget', '--json']);
		expect(stderr).toBe('');
		expect(code).toBe(0);
		const lines = jsonLines(stdout);
		expect(lines.map((line) => line.hash)).toEqual(await gitLog('main', 30));
		const [first] = lines;
		const [raw, parents, date, message] = (
			await git([
				'--git-dir',
				sandbox.gitDirOf('acme', 'widget'),
				'show',
				'-s',
				'--format=%an <%ae>%x00%P%x00%aI%x00%B',
				first!.hash,
			])
		).split('\0');
		expect(first).toEqual({
			hash: first!.hash,
			date,
			author: {raw, name: raw!.replace(/ <.*/, ''), email: raw!.replace(/.*<(.*)>/, '$1')},
			message: message!.trimEnd(),
			parents: parents!.split(' '),
			url: `${sandbox.gitUrl}/acme/widget/commits/${first!.hash}`,
		});
	});

	it('prints JSON whenever stdout is not a terminal, another branch across several pages', async () => {
		const before = sandbox.requests.length;
		const {code, stdout} = await bbtok(['acme/widget', '--branch', 'develop', '--limit', '250']);
		expect(code).toBe(0);
		const expected = await gitLog('develop', 250);
		expect(expected.length).toBeGreaterThan(100);
		expect(jsonLines(stdout).map((line) => line.hash)).toEqual(expected);
		const pages = sandbox.requests
			.slice(before)
			.filter((request) => request.server === 'api' && request.url.includes('/commits'));
		expect(pages.length).toBe(Math.ceil(expected.length / 100));
		expect(pages[0]!.url).toContain('/commits/develop?pagelen=100');
	});

	it("adds each commit's build statuses with --statuses: a statuses array per JSON line, one request per commit", async () => {
		const [newest, second, third] = await gitLog('main', 3);
		const build = (hash: string, body: Record<string, string>) =>
			apiPost(
				`${sandbox.apiUrl}/repositories/acme/widget/commit/${hash}/statuses/build`,
				sandbox.tokens.repoRead,
				body,
			);
		await build(newest!, {key: 'ci', state: 'FAILED', name: 'CI #2', url: 'https://ci.example/2'});
		await build(newest!, {key: 'lint', state: 'SUCCESSFUL', description: 'clean'});
		await build(second!, {key: 'ci', state: 'INPROGRESS'});
		const before = sandbox.requests.length;
		const {code, stdout} = await bbtok(['acme/widget', '--json', '--statuses', '--limit', '4']);
		expect(code).toBe(0);
		const lines = jsonLines(stdout);
		expect(lines.map((line) => line.hash)).toEqual(await gitLog('main', 4));
		expect(lines[0]!.statuses).toEqual([
			{
				key: 'lint',
				state: 'SUCCESSFUL',
				name: 'lint',
				description: 'clean',
				url: null,
				updated: expect.any(String),
			},
			{
				key: 'ci',
				state: 'FAILED',
				name: 'CI #2',
				description: null,
				url: 'https://ci.example/2',
				updated: expect.any(String),
			},
		]);
		expect(lines[1]!.statuses).toMatchObject([{key: 'ci', state: 'INPROGRESS'}]);
		expect(lines[2]!.statuses).toEqual([]);
		expect(lines[2]!.hash).toBe(third);
		const statusRequests = sandbox.requests
			.slice(before)
			.filter((request) => request.url.includes('/statuses'));
		expect(statusRequests.length).toBe(4);

		const plain = await bbtok(['acme/widget', '--json', '--limit', '1']);
		expect(jsonLines(plain.stdout)[0]).not.toHaveProperty('statuses');
	});

	it('stops paging at --limit across pages', async () => {
		const {stdout} = await bbtok(['acme/widget', '--limit', '205', '--token-stdin'], {
			token: '',
			input: `${sandbox.tokens.repoRead}\n`,
		});
		expect(jsonLines(stdout).map((line) => line.hash)).toEqual(await gitLog('main', 205));
	});

	it('prints aligned text lines with --no-input on a terminal', async () => {
		// script(1) gives the CLI a terminal for stdout, as a person at a shell would.
		const command = [
			process.execPath,
			cli,
			'commits',
			'acme/widget',
			'--no-input',
			'--limit',
			'4',
			'--api-url',
			sandbox.apiUrl,
			'--git-url',
			sandbox.gitUrl,
		]
			.map((part) => `'${part}'`)
			.join(' ');
		const run = await new Promise<Run>((resolve) => {
			execFile(
				'script',
				['-qec', command, '/dev/null'],
				{
					env: {
						PATH: process.env.PATH,
						HOME: git.home,
						BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead,
					},
				},
				(error, stdout, stderr) => resolve({code: error ? Number(error.code) : 0, stdout, stderr}),
			);
		});
		expect(run.code).toBe(0);
		const expected = (
			await git([
				'--git-dir',
				sandbox.gitDirOf('acme', 'widget'),
				'log',
				'-4',
				'--format=%h|%ad|%an|%s',
				'--date=format:%Y-%m-%d',
				'main',
			])
		).split('\n');
		const width = Math.max(...expected.map((line) => line.split('|')[2]!.length));
		const lines = run.stdout.replace(/\r/g, '').trimEnd().split('\n');
		expect(lines).toEqual(
			expected.map((line) => {
				const [hash, day, author, subject] = line.split('|');
				return `${hash}  ${day}  ${author!.padEnd(width)}  ${subject}`;
			}),
		);
	});

	it.each([
		['https on the git host', (gitUrl: string) => `${gitUrl}/acme/widget.git`],
		['ssh', () => 'ssh://git@bitbucket.org/acme/widget.git'],
		['scp-style', () => 'git@bitbucket.org:acme/widget.git'],
	])(
		'infers REPO from the origin of the clone around the current folder (%s)',
		async (_form, url) => {
			const repo = await mkdtemp(path.join(scratch, 'clone-'));
			await git(['init', '-q', repo]);
			await git(['remote', 'add', 'upstream', 'https://github.com/acme/widget.git'], {cwd: repo});
			await git(['remote', 'add', 'origin', url(sandbox.gitUrl)], {cwd: repo});
			const nested = path.join(repo, 'src', 'deep');
			await mkdir(nested, {recursive: true});
			const {code, stdout, stderr} = await bbtok(['--limit', '3'], {cwd: nested});
			expect(stderr).toBe('');
			expect(code).toBe(0);
			expect(jsonLines(stdout).map((line) => line.hash)).toEqual(await gitLog('main', 3));
		},
	);

	it('refuses to infer REPO outside a clone, naming the argument to give', async () => {
		const {code, stderr} = await bbtok([], {cwd: scratch});
		expect(code).toBe(2);
		expect(stderr).toContain('No REPO given, and this folder is not inside a git clone.');
		expect(stderr).toContain('bbtok-tui commits workspace/repo');
	});

	it('stops at a next link to another origin, without any request to it', async () => {
		const foreign: string[] = [];
		const server: Server = createServer((request, response) => {
			foreign.push(request.url ?? '');
			response.end('{}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		sandbox.setFaults({foreignNextOrigin: origin});
		try {
			const {code, stdout, stderr} = await bbtok(['acme/widget', '--limit', '150']);
			expect(code).toBe(5);
			expect(stderr).toContain(`Refused to follow a next page link to ${origin}`);
			expect(stdout.trim().split('\n')).toHaveLength(100);
			expect(foreign).toEqual([]);
		} finally {
			sandbox.setFaults({});
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it.each([
		['no token', {token: ''}, 2, 'No token: this run cannot prompt for one.'],
		['a revoked token', {token: 'revoked'}, 3, 'Bitbucket rejected the token (401)'],
		[
			'a token of another repository',
			{token: 'otherRepo'},
			4,
			'not found, or this token cannot see it',
		],
	] as const)('exits with %s', async (_what, {token}, code, message) => {
		const value = token === '' ? '' : sandbox.tokens[token];
		const run = await bbtok(['acme/widget'], {token: value});
		expect(run.code).toBe(code);
		expect(run.stderr).toContain(message);
		if (value !== '') {
			expect(run.stderr + run.stdout).not.toContain(value);
		}
	});
});
