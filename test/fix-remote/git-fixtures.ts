/**
 * Real-git fixtures for the config editor, repository discovery and fix-remote tests:
 * every repository and config starts from what the git CLI writes. The global and system
 * configs are switched off so a developer's identity or helpers never leak into results.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

export const gitEnv: NodeJS.ProcessEnv = {
	...process.env,
	GIT_CONFIG_GLOBAL: '/dev/null',
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_TERMINAL_PROMPT: '0',
	GIT_AUTHOR_NAME: 'Fixture',
	GIT_AUTHOR_EMAIL: 'fixture@example.com',
	GIT_COMMITTER_NAME: 'Fixture',
	GIT_COMMITTER_EMAIL: 'fixture@example.com',
};

export async function git(
	cwd: string,
	args: string[],
	env: NodeJS.ProcessEnv = {},
): Promise<string> {
	const {stdout} = await run('git', args, {cwd, env: {...gitEnv, ...env}});
	return stdout;
}

/** `git config --file FILE --list` as `key=value` strings, read with -z so values may hold anything. */
export async function configList(file: string): Promise<string[]> {
	const out = await git(path.dirname(file), ['config', '--file', file, '--list', '-z']);
	return out
		.split('\0')
		.filter((item) => item !== '')
		.map((item) => item.replace('\n', '='));
}

/** Temp folders for one test file; `cleanup` in afterAll removes them all. */
export function tempDirs() {
	const made: string[] = [];
	return {
		async make(prefix = 'bbtok-fix-'): Promise<string> {
			const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
			made.push(dir);
			return dir;
		},
		async cleanup(): Promise<void> {
			await Promise.all(made.map((dir) => rm(dir, {recursive: true, force: true})));
		},
	};
}

/** A repository made by `git init` with one commit, so worktrees can be added. */
export async function initRepository(dir: string): Promise<string> {
	await git(dir, ['init', '-q', '-b', 'main', '.']);
	await git(dir, ['commit', '-q', '--allow-empty', '-m', 'initial']);
	return path.join(dir, '.git', 'config');
}
