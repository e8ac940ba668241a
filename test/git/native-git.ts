/**
 * The real `git` CLI for checking what isomorphic-git and bbtok-tui left on disk, run with
 * a throwaway HOME and no system config, so no identity or credential helper of the
 * machine can make a test pass (or fail) by accident.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

export type NativeGit = {
	/** Runs git and resolves with its trimmed standard output; rejects on a non-zero exit. */
	(args: readonly string[], options?: {cwd?: string; env?: NodeJS.ProcessEnv}): Promise<string>;
	readonly home: string;
	/** Removes the throwaway HOME. */
	dispose(): Promise<void>;
};

export async function createNativeGit(): Promise<NativeGit> {
	const home = await mkdtemp(path.join(tmpdir(), 'bbtok-git-home-'));
	const baseEnv: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_TERMINAL_PROMPT: '0',
		LC_ALL: 'C',
	};
	const git = async (
		args: readonly string[],
		options: {cwd?: string; env?: NodeJS.ProcessEnv} = {},
	): Promise<string> => {
		const {stdout} = await run('git', [...args], {
			cwd: options.cwd,
			env: {...baseEnv, ...options.env},
			maxBuffer: 64 * 1024 * 1024,
		});
		return stdout.trim();
	};

	return Object.assign(git, {
		home,
		dispose: () => rm(home, {recursive: true, force: true}),
	});
}

/** Every file under `dir` whose bytes contain `needle`, as paths relative to `dir`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
	const found: string[] = [];
	const entries = await readdir(dir, {recursive: true, withFileTypes: true});
	for (const entry of entries) {
		if (entry.isFile()) {
			const file = path.join(entry.parentPath, entry.name);
			if ((await readFile(file)).includes(needle)) {
				found.push(path.relative(dir, file));
			}
		}
	}

	return found;
}

export async function exists(target: string): Promise<boolean> {
	return readdir(path.dirname(target)).then(
		(names) => names.includes(path.basename(target)),
		() => false,
	);
}
