/**
 * What the tmux tests repeat around the built CLI: its path (built on first use when a test
 * file runs alone; `npm test` builds it first), the environment of a run against the sandbox,
 * and a log of everything the terminal showed, for each file's leak check at the end.
 */
import {execFile} from 'node:child_process';
import {access} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import type {Sandbox} from '../../source/sandbox/index.js';
import type {TmuxSession} from './tmux.js';

const exec = promisify(execFile);
const repositoryRoot = new URL('../..', import.meta.url).pathname;

export const cliPath = path.join(repositoryRoot, 'dist', 'cli.js');

export async function ensureBuiltCli(): Promise<void> {
	await access(cliPath).catch(() => exec('npm', ['run', 'build'], {cwd: repositoryRoot}));
}

/** A run against the sandbox: the caller's PATH and nothing else of its environment. */
export function sandboxEnv(
	sandbox: Sandbox,
	where: {readonly home: string; readonly configDir: string},
): Record<string, string> {
	return {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: where.home,
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		BBTOK_API_URL: sandbox.apiUrl,
		BBTOK_GIT_URL: sandbox.gitUrl,
		BBTOK_CONFIG_DIR: where.configDir,
	};
}

/** Every frame waited for and every final scrollback. */
export function screenLog() {
	const captured: string[] = [];
	return {
		captured,
		async see(session: TmuxSession, text: string | RegExp): Promise<string> {
			const frame = await session.waitFor(text);
			captured.push(frame);
			return frame;
		},
		/** Waits for the exit, keeping the scrollback. */
		async finish(session: TmuxSession, timeoutMs?: number): Promise<number> {
			const status = await session.exitStatus(timeoutMs);
			captured.push(await session.scrollback());
			return status;
		},
	};
}
