/**
 * Runs the user's own `git` for what only it can do: ask and feed the credential helpers
 * configured for it. Clones, fetches and probes stay with isomorphic-git; `--auth helper` and
 * `status` are the only callers, so only they need git on PATH.
 */
import {spawn} from 'node:child_process';
import {BbtokError, UsageError} from '../core/errors.js';

export type GitRun = {
	/** The environment git runs with (the command's, never read here from process.env). */
	readonly env: NodeJS.ProcessEnv;
	/** Where git runs: a clone's folder makes its local config count. */
	readonly cwd: string;
};

export type GitResult = {code: number | null; stdout: string; stderr: string; timedOut: boolean};

/**
 * A helper that daemonises (credential-cache) keeps our stderr pipe open after git exits: the
 * result is taken on git's exit, with this grace for its output to drain.
 */
const drainMs = 50;

export async function runGit(
	run: GitRun,
	args: readonly string[],
	options: {input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv} = {},
): Promise<GitResult> {
	const child = spawn('git', args, {
		cwd: run.cwd,
		env: {...run.env, ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
		// Its own session: a helper daemon it starts (credential-cache) must outlive the terminal
		// bbtok-tui ran in, not die of its hang-up when that window closes.
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	child.stdin.on('error', () => undefined);
	child.stdin.end(options.input ?? '');
	let timedOut = false;
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					child.kill('SIGKILL');
				}, options.timeoutMs);
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (exitCode) => setTimeout(() => resolve(exitCode), drainMs));
		});
		child.stdout.destroy();
		child.stderr.destroy();
		return {code, stdout, stderr, timedOut};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			throw new UsageError('git is not on PATH: --auth helper and status hand the token to git.', {
				hint: 'Install git (https://git-scm.com/downloads), or use --auth prompt or --auth embed.',
			});
		}

		throw new BbtokError(`Cannot run git (${(error as NodeJS.ErrnoException).code ?? 'failed'}).`, {
			cause: error,
		});
	} finally {
		clearTimeout(timer);
	}
}
