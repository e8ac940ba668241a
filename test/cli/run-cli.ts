/**
 * Runs the built CLI (dist/cli.js) the way a script does: no TTY, a clean environment (no
 * inherited token, proxy or git identity), its own settings folder, and every byte it prints
 * kept for the leak checks.
 */
import {spawn} from 'node:child_process';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';

export const cliPath = new URL('../../dist/cli.js', import.meta.url).pathname;

export type CliResult = {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
};

export type CliRun = {
	/** Resolves when the process has exited. */
	done: Promise<CliResult>;
	/** Resolves when stderr has printed a line matching `pattern`. */
	stderrLine(pattern: RegExp): Promise<void>;
	kill(signal: NodeJS.Signals): void;
};

/** Everything every run printed, for the leak checks at the end of a file. */
export const transcript: string[] = [];

export function runCli(
	args: readonly string[],
	options: {
		cwd: string;
		env: NodeJS.ProcessEnv;
		stdin?: string;
		asUser?: number;
		/** The Node binary; with asUser, one that user can run (nodeOthersCanRun). */
		node?: string;
	},
): CliRun {
	// Run as another user (root reads every folder; a test of an unreadable one needs someone else).
	const [file, fullArgs] =
		options.asUser === undefined
			? [process.execPath, [cliPath, ...args]]
			: [
					'setpriv',
					[
						`--reuid=${options.asUser}`,
						`--regid=${options.asUser}`,
						'--clear-groups',
						options.node ?? process.execPath,
						cliPath,
						...args,
					],
				];
	const child = spawn(file, fullArgs, {
		cwd: options.cwd,
		env: {PATH: process.env.PATH, NO_COLOR: '1', LC_ALL: 'C', ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	const watchers: {pattern: RegExp; resolve: () => void}[] = [];
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
		for (const watcher of watchers.filter(({pattern}) => pattern.test(stderr))) {
			watchers.splice(watchers.indexOf(watcher), 1);
			watcher.resolve();
		}
	});
	child.stdin.end(options.stdin ?? '');
	const done = new Promise<CliResult>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code, signal) => {
			transcript.push(stdout, stderr);
			resolve({code, signal, stdout, stderr});
		});
	});
	return {
		done,
		stderrLine: (pattern) =>
			new Promise<void>((resolve, reject) => {
				if (pattern.test(stderr)) {
					resolve();
					return;
				}

				watchers.push({pattern, resolve});
				done.then(
					() => reject(new Error(`The CLI exited before printing ${pattern}:\n${stderr}`)),
					reject,
				);
			}),
		kill: (signal) => child.kill(signal),
	};
}

/** Paths (relative to `dir`) of every file under `dir` whose bytes contain any of `needles`. */
export async function filesContainingAny(
	dir: string,
	needles: readonly string[],
): Promise<string[]> {
	const entries = await readdir(dir, {recursive: true, withFileTypes: true}).catch(() => []);
	const found: string[] = [];
	for (const entry of entries) {
		if (entry.isFile()) {
			const file = path.join(entry.parentPath, entry.name);
			const bytes = await readFile(file);
			if (needles.some((needle) => bytes.includes(needle))) {
				found.push(path.relative(dir, file));
			}
		}
	}

	return found;
}

/**
 * A headless onboarding clone from `sandbox` with its workspace token on stdin, in `cwd` (its
 * own HOME and settings folder): `args` names the repository and any other flags.
 */
export function runHeadlessClone(
	sandbox: {apiUrl: string; gitUrl: string; tokens: {workspaceRead: string}},
	cwd: string,
	args: readonly string[],
	env: NodeJS.ProcessEnv = {},
): CliRun {
	return runCli(['--token-stdin', '--bot-email', 'ci-bot', ...args], {
		cwd,
		stdin: `${sandbox.tokens.workspaceRead}\n`,
		env: {
			HOME: cwd,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(cwd, '.cfg'),
			...env,
		},
	});
}

/** The lines of an error report: `bbtok-tui: …` and its indented hints. */
export function errorLines(stderr: string): string[] {
	return stderr
		.split('\n')
		.filter((line) => line.startsWith('bbtok-tui:') || line.startsWith('  '));
}
