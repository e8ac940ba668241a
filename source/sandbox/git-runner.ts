/**
 * Runs the real `git` for the sandbox: an environment that ignores the user's and the
 * system's git configuration (so the seed and the served data do not depend on the
 * machine), and a register of every child process so close() can end them all.
 */
import {type ChildProcess, type SpawnOptions, spawn} from 'node:child_process';
import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import {devNull} from 'node:os';
import path from 'node:path';
import {BbtokError} from '../core/errors.js';

export type GitRunOptions = {
	/** Repository to run in (`git --git-dir`). */
	gitDir?: string;
	cwd?: string;
	input?: string | Buffer;
	env?: Record<string, string>;
};

export class GitRunner {
	readonly env: NodeJS.ProcessEnv;
	private readonly children = new Set<ChildProcess>();
	private closed = false;

	private constructor(
		readonly execPath: string,
		env: NodeJS.ProcessEnv,
	) {
		this.env = env;
	}

	/**
	 * Finds git (and its exec path, where git-http-backend lives) on the PATH of `env`, the
	 * caller's environment; rejects clearly without it.
	 */
	static async create(callerEnv: NodeJS.ProcessEnv): Promise<GitRunner> {
		const env = isolatedEnv(callerEnv);
		let output: string;
		try {
			output = await runOnce(['--exec-path'], env);
		} catch (error) {
			throw new BbtokError('The sandbox needs the `git` command, and it was not found on PATH.', {
				hint: 'Install git (2.28 or newer) and make sure `git --version` works in this shell.',
				cause: error,
			});
		}

		const runner = new GitRunner(output.trim(), env);
		try {
			await access(runner.httpBackendPath, constants.X_OK);
		} catch (error) {
			throw new BbtokError(
				`The sandbox needs git-http-backend, and ${runner.httpBackendPath} is missing.`,
				{
					hint: 'Install the full git package (some distributions ship git-http-backend separately).',
					cause: error,
				},
			);
		}

		return runner;
	}

	get httpBackendPath(): string {
		return path.join(this.execPath, 'git-http-backend');
	}

	/** Runs git to completion and resolves with its standard output; rejects with its stderr. */
	async run(args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
		const fullArgs =
			options.gitDir === undefined ? [...args] : ['--git-dir', options.gitDir, ...args];
		const child = this.spawn('git', fullArgs, {cwd: options.cwd, env: options.env});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
		child.stdin?.on('error', () => {
			// git may exit before reading all its input; its exit status tells what happened.
		});
		child.stdin?.end(options.input);
		const code = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', resolve);
		});
		if (code !== 0) {
			const message = Buffer.concat(stderr).toString('utf8').trim();
			throw new GitCommandError(`git ${args[0] ?? ''} failed (${code}): ${message}`, code);
		}

		return Buffer.concat(stdout);
	}

	/** Starts a process (git or the CGI backend) that close() will kill if it still runs. */
	spawn(
		command: string,
		args: readonly string[],
		options: {cwd?: string; env?: Record<string, string>} = {},
	): ChildProcess {
		if (this.closed) {
			throw new Error('The sandbox is closed.');
		}

		const spawnOptions: SpawnOptions = {
			cwd: options.cwd,
			env: {...this.env, ...options.env},
			stdio: ['pipe', 'pipe', 'pipe'],
		};
		const child = spawn(command, args, spawnOptions);
		this.children.add(child);
		child.once('close', () => this.children.delete(child));
		child.once('error', () => this.children.delete(child));
		return child;
	}

	/** Kills every running child and refuses new ones: the sandbox is closing. */
	killAll(): void {
		this.closed = true;
		for (const child of this.children) {
			child.kill('SIGKILL');
		}

		this.children.clear();
	}
}

export class GitCommandError extends Error {
	override readonly name = 'GitCommandError';

	constructor(
		message: string,
		readonly exitCode: number | null,
	) {
		super(message);
	}
}

/** The caller's environment minus every GIT_* variable (a hook's GIT_DIR would redirect us). */
function isolatedEnv(callerEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(callerEnv)) {
		if (!key.startsWith('GIT_')) {
			env[key] = value;
		}
	}

	return {
		...env,
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_CONFIG_GLOBAL: devNull,
		GIT_TERMINAL_PROMPT: '0',
		LC_ALL: 'C',
	};
}

function runOnce(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('git', args, {env, stdio: ['ignore', 'pipe', 'ignore']});
		let output = '';
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			output += chunk;
		});
		child.once('error', reject);
		child.once('close', (code) =>
			code === 0 ? resolve(output) : reject(new Error(`git exited with ${code}`)),
		);
	});
}
