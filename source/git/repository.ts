/**
 * Finds the git repository a path belongs to, and reads its remotes. Shared by fix-remote
 * (which edits the config found here) and the commit browser (which infers REPO from the
 * current clone). Linked worktrees and submodules point, through their `.git` file, at a
 * git dir elsewhere; a worktree's remotes live in the main repository's config, which is
 * the one reported here.
 */
import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../core/errors.js';
import {ConfigFile, readConfigFile} from './config-file.js';

export type LocalRepository = {
	/** The working tree (for a bare repository: the repository folder itself). */
	root: string;
	/** This checkout's git dir: `.git`, or `.git/worktrees/NAME` for a linked worktree. */
	gitDir: string;
	/** The git dir that holds the config, objects and refs shared by every worktree. */
	commonDir: string;
	configPath: string;
};

export type Remote = {name: string; url: string; pushUrls: string[]};

/** Walks up from `from` to the first folder that is, or has, a git repository. UsageError if none. */
export async function findRepository(from: string): Promise<LocalRepository> {
	const start = path.resolve(from);
	const info = await stat(start).catch(() => undefined);
	if (!info) {
		throw new UsageError(`${start} does not exist.`, {
			hint: 'Give the path of a git clone: bbtok-tui fix-remote PATH.',
		});
	}

	let dir = info.isDirectory() ? start : path.dirname(start);
	for (;;) {
		const found = (await fromDotGit(dir)) ?? (await fromBareRepository(dir));
		if (found) {
			return found;
		}

		const parent = path.dirname(dir);
		if (parent === dir) {
			throw new UsageError(`Not a git repository: no .git in ${start} or any folder above it.`, {
				hint: 'Run this inside a clone, or give its path: bbtok-tui fix-remote PATH.',
			});
		}

		dir = parent;
	}
}

/** The remotes of the repository's config, in the order they first appear; remotes without a URL are left out. */
export async function listRemotes(repository: LocalRepository): Promise<Remote[]> {
	const {text} = await readConfigFile(repository.configPath);
	return remotesOf(ConfigFile.parse(text, repository.configPath));
}

/** The remotes defined in a parsed config: the first `url` is the one git fetches from. */
export function remotesOf(config: ConfigFile): Remote[] {
	const byName = new Map<string, {urls: string[]; pushUrls: string[]}>();
	for (const entry of config.entries()) {
		if (entry.section !== 'remote' || entry.subsection === undefined) {
			continue;
		}

		const remote = byName.get(entry.subsection) ?? {urls: [], pushUrls: []};
		byName.set(entry.subsection, remote);
		if (entry.key === 'url' && entry.value) {
			remote.urls.push(entry.value);
		} else if (entry.key === 'pushurl' && entry.value) {
			remote.pushUrls.push(entry.value);
		}
	}

	return [...byName].flatMap(([name, {urls, pushUrls}]) =>
		urls[0] === undefined ? [] : [{name, url: urls[0], pushUrls}],
	);
}

async function fromDotGit(dir: string): Promise<LocalRepository | undefined> {
	const dotGit = path.join(dir, '.git');
	const info = await stat(dotGit).catch(() => undefined);
	if (!info) {
		return undefined;
	}

	let gitDir = dotGit;
	if (info.isFile()) {
		// Worktrees and submodules: `.git` is a file saying `gitdir: <path>`.
		const match = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'));
		if (!match) {
			return undefined;
		}

		gitDir = path.resolve(dir, match[1]!);
	}

	if (!(await looksLikeGitDir(gitDir))) {
		return undefined;
	}

	const commonDir = await commonDirOf(gitDir);
	return {root: dir, gitDir, commonDir, configPath: path.join(commonDir, 'config')};
}

async function fromBareRepository(dir: string): Promise<LocalRepository | undefined> {
	// A `.git` folder reached from inside belongs to the working tree above it.
	if (
		path.basename(dir) === '.git' ||
		!(await looksLikeGitDir(dir)) ||
		!(await isFile(path.join(dir, 'config')))
	) {
		return undefined;
	}

	return {root: dir, gitDir: dir, commonDir: dir, configPath: path.join(dir, 'config')};
}

/** A linked worktree's git dir names the shared one in its `commondir` file. */
async function commonDirOf(gitDir: string): Promise<string> {
	const pointer = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
	return pointer === undefined ? gitDir : path.resolve(gitDir, pointer.trim());
}

/** Git's own test: a HEAD file, and objects and refs (here or in the common dir). */
async function looksLikeGitDir(dir: string): Promise<boolean> {
	if (!(await isFile(path.join(dir, 'HEAD')))) {
		return false;
	}

	const common = await commonDirOf(dir);
	const [objects, refs] = await Promise.all([
		isDirectory(path.join(common, 'objects')),
		isDirectory(path.join(common, 'refs')),
	]);
	return objects && refs;
}

async function isFile(file: string): Promise<boolean> {
	return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(dir: string): Promise<boolean> {
	return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}
