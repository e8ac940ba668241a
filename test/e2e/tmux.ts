/**
 * Runs a command in a real pseudo-terminal (a detached tmux session of a fixed size) and
 * drives it like a person: keys one by one, text pasted as keystrokes, frames read back with
 * capture-pane and waited for by polling. Each session has its own tmux server socket, so
 * tests never touch a user's tmux.
 */
import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';

const exec = promisify(execFile);

export type TmuxOptions = {
	/** The program and its arguments. */
	readonly command: readonly string[];
	readonly cwd: string;
	/** The whole environment of the program (nothing is inherited). */
	readonly env: Readonly<Record<string, string>>;
	/** Where the server socket goes (a temp dir of the test). */
	readonly socketDir: string;
	/** @default 100 */
	readonly width?: number;
	/** @default 30 */
	readonly height?: number;
};

export type TmuxSession = {
	/** tmux key names, one keypress each: `Enter`, `Up`, `C-c`, `q`. */
	press(...keys: string[]): Promise<void>;
	/** Literal text, as a paste would deliver it (send-keys -l). */
	type(text: string): Promise<void>;
	/** The visible screen. */
	screen(): Promise<string>;
	/** The screen and everything scrolled off it. */
	scrollback(): Promise<string>;
	/** Resolves with the first screen containing `text`; rejects with the last screen after the timeout. */
	waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
	/** Resolves with the program's exit status once it has exited (128 + N when killed by signal N, as sh says). */
	exitStatus(timeoutMs?: number): Promise<number>;
	/** Sends `signal` to the program itself (not to tmux or the shell around it). */
	signal(signal: NodeJS.Signals): Promise<void>;
	/** The program's process id. */
	programPid(): Promise<number>;
	/** Ends the tmux server: the terminal closes and the program gets SIGHUP, as from a closed window. */
	kill(): Promise<void>;
};

const pollMs = 50;

function shellQuote(value: string): string {
	return `'${value.replaceAll("'", "'\\''")}'`;
}

export async function startTmux(options: TmuxOptions): Promise<TmuxSession> {
	const socket = path.join(options.socketDir, `tmux-${process.pid}-${Date.now()}`);
	const tmux = async (...args: string[]) =>
		(await exec('tmux', ['-S', socket, '-f', '/dev/null', ...args])).stdout;
	const target = 'e2e';
	const env = Object.entries(options.env).map(([key, value]) => `${key}=${value}`);
	// tmux does not always record a dead pane's exit status (it may see the terminal close
	// before it reaps the process): the shell writes it to a file instead.
	const statusFile = `${socket}.status`;
	const program = ['env', '-i', ...env, ...options.command].map(shellQuote).join(' ');
	// The shell then keeps the terminal open a moment: a program that prints and exits at once
	// could otherwise close it before tmux has read the last output (seen under load).
	const commandLine = `${program}; echo $? > ${shellQuote(statusFile)}; sleep 0.5`;
	// A placeholder first, so remain-on-exit is set before the program can exit.
	await tmux(
		'new-session',
		'-d',
		'-s',
		target,
		'-x',
		String(options.width ?? 100),
		'-y',
		String(options.height ?? 30),
		'sleep 600',
	);
	await tmux('set-option', '-t', target, 'remain-on-exit', 'on');
	await tmux('respawn-pane', '-k', '-t', target, '-c', options.cwd, commandLine);

	const screen = () => tmux('capture-pane', '-p', '-t', target);
	const waitUntil = async <T>(
		probe: () => Promise<T | undefined>,
		timeoutMs: number,
		what: string,
	): Promise<T> => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const result = await probe();
			if (result !== undefined) {
				return result;
			}

			if (Date.now() > deadline) {
				throw new Error(`Timed out waiting for ${what}; the screen was:\n${await screen()}`);
			}

			await new Promise((resolve) => {
				setTimeout(resolve, pollMs);
			});
		}
	};

	// The pane runs `sh -c 'env -i … PROGRAM; echo $? > FILE'`; env execs the program, the shell's only child.
	const programPid = async () => {
		const shell = (await tmux('list-panes', '-t', target, '-F', '#{pane_pid}')).trim();
		const {stdout} = await exec('ps', ['-o', 'pid=', '--ppid', shell]);
		return Number(stdout.trim().split('\n')[0]);
	};

	return {
		programPid,
		async signal(signal) {
			process.kill(await programPid(), signal);
		},
		async press(...keys) {
			for (const key of keys) {
				await tmux('send-keys', '-t', target, key);
			}
		},
		async type(text) {
			await tmux('send-keys', '-t', target, '-l', text);
		},
		screen,
		scrollback: () => tmux('capture-pane', '-p', '-S', '-', '-t', target),
		waitFor(text, timeoutMs = 10_000) {
			return waitUntil(
				async () => {
					const frame = await screen();
					const found = typeof text === 'string' ? frame.includes(text) : text.test(frame);
					return found ? frame : undefined;
				},
				timeoutMs,
				String(text),
			);
		},
		exitStatus(timeoutMs = 10_000) {
			return waitUntil(
				async () => {
					const text = await readFile(statusFile, 'utf8').catch(() => '');
					return text.endsWith('\n') ? Number(text.trim()) : undefined;
				},
				timeoutMs,
				'the program to exit',
			);
		},
		async kill() {
			await tmux('kill-server').catch(() => undefined);
		},
	};
}
