/**
 * Outside text on its way to the terminal, end to end through the built CLI: a repository whose
 * commit message and branch name carry U+202E RIGHT-TO-LEFT OVERRIDE ("Trojan Source"), and an
 * error message carrying one. Text output shows U+FFFD instead; JSON escapes it and still
 * parses to the same value.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BbtokError} from '../../source/core/errors.js';
import {reportError} from '../../source/core/output.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {startTmux} from '../e2e/tmux.js';
import {cliPath, runCli} from './run-cli.js';

const exec = promisify(execFile);
const rlo = '\u202E';
const subject = `Fix login ${rlo}txt.exe`;
const branch = `feature-${rlo}gnp`;

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-text-'));
	const work = path.join(root, 'work');
	const bare = path.join(root, 'trojan.git');
	const env = {...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'};
	const git = (args: string[]) => exec('git', args, {cwd: work, env});
	await exec('git', ['init', '-q', '-b', branch, work], {env});
	await git([
		'-c',
		'user.name=Eve',
		'-c',
		'user.email=eve@example.com',
		'commit',
		'-q',
		'--allow-empty',
		'-m',
		subject,
	]);
	await exec('git', ['clone', '-q', '--bare', work, bare], {env});
	sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [{workspace: 'acme', slug: 'trojan', gitDir: bare}],
	});
}, 60_000);

afterAll(async () => {
	await Promise.all([sandbox?.close(), root && rm(root, {recursive: true, force: true})]);
});

function cli(args: string[]) {
	return runCli(args, {
		cwd: root,
		stdin: `${sandbox.tokens.workspaceRead}\n`,
		env: {
			HOME: root,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(root, '.cfg'),
		},
	}).done;
}

describe('U+202E in outside text', () => {
	it.each([
		['the text output (--no-input on a terminal)', ['--no-input']],
		['the commit browser', []],
	])('commits, %s: the override is shown as U+FFFD', async (_, extra) => {
		const session = await startTmux({
			command: [process.execPath, cliPath, 'commits', 'acme/trojan', '--branch', branch, ...extra],
			cwd: root,
			socketDir: root,
			env: {
				PATH: process.env.PATH ?? '/usr/bin:/bin',
				HOME: root,
				TERM: 'xterm-256color',
				LANG: 'C.UTF-8',
				BITBUCKET_ACCESS_TOKEN: sandbox.tokens.workspaceRead,
				BBTOK_API_URL: sandbox.apiUrl,
				BBTOK_GIT_URL: sandbox.gitUrl,
				BBTOK_CONFIG_DIR: path.join(root, '.cfg'),
			},
		});
		try {
			const screen = await session.waitFor('Fix login');
			expect(screen).toContain('Fix login \uFFFDtxt.exe');
			expect(screen).not.toContain(rlo);
		} finally {
			await session.kill();
		}
	});

	it('commits, JSON: escaped as \\u202e, and parses to the message as it is', async () => {
		const result = await cli([
			'commits',
			'acme/trojan',
			'--token-stdin',
			'--branch',
			branch,
			'--json',
		]);
		expect(result.code).toBe(0);
		expect(result.stdout).not.toContain(rlo);
		expect(result.stdout).toContain('\\u202e');
		const [line] = result.stdout.trim().split('\n');
		expect((JSON.parse(line!) as {message: string}).message.trim()).toBe(subject);
	});

	it('onboard: the branch name in the summary and in the JSON result', async () => {
		const text = await cli([
			'acme/trojan',
			'--token-stdin',
			'--bot-email',
			'ci-bot',
			'--dir',
			'text-clone',
		]);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain('feature-\uFFFDgnp');
		expect(text.stdout + text.stderr).not.toContain(rlo);
		const json = await cli([
			'acme/trojan',
			'--token-stdin',
			'--bot-email',
			'ci-bot',
			'--dir',
			'json-clone',
			'--json',
		]);
		expect(json.code).toBe(0);
		expect(json.stdout + json.stderr).not.toContain(rlo);
		expect((JSON.parse(json.stdout) as {branch: string}).branch).toBe(branch);
	});

	it('an error message: neutralised on stderr, escaped in the JSON error', () => {
		const written: Record<'stderr' | 'stdout', string> = {stderr: '', stdout: ''};
		const stream = (name: 'stderr' | 'stdout') => ({
			write: (chunk: string) => (written[name] += chunk),
		});
		const message = `Bitbucket says: repository ${rlo}kcah not found`;
		reportError(
			new BbtokError(message, {hint: `Try ${rlo}again`}),
			{stderr: stream('stderr'), stdout: stream('stdout')},
			{json: true},
		);
		expect(written.stderr).toBe(
			'bbtok-tui: Bitbucket says: repository \uFFFDkcah not found\n  Try \uFFFDagain\n',
		);
		expect(written.stdout).not.toContain(rlo);
		expect((JSON.parse(written.stdout) as {error: {message: string}}).error.message).toBe(
			'Bitbucket says: repository \uFFFDkcah not found',
		);
	});
});
