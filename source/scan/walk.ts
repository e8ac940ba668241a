/**
 * Finds the git repositories under a folder, fast and without surprises: symlinks are never
 * followed (a link loop costs nothing), `node_modules` and the insides of `.git` are not
 * entered, the depth is bounded, and a folder that cannot be read is noted and passed over.
 * Linked worktrees and submodules (a `.git` file saying `gitdir: …`) are recognised, each
 * with the config file that holds its remotes.
 */
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';

export type RepositoryKind = 'clone' | 'worktree' | 'submodule';

export type FoundRepository = {
	/** The working tree, absolute. */
	readonly root: string;
	readonly kind: RepositoryKind;
	/** The config holding the remotes: a worktree shares its main repository's. */
	readonly configPath: string;
};

export type WalkProblem = {
	readonly path: string;
	/** The system's code (EACCES, ELOOP…) or a short reason. */
	readonly reason: string;
};

export type WalkResult = {
	/** In path order. */
	readonly repositories: readonly FoundRepository[];
	readonly problems: readonly WalkProblem[];
};

export type WalkOptions = {
	/** Levels below `root` that are entered. @default 8 */
	readonly maxDepth?: number;
	readonly signal?: AbortSignal | undefined;
};

/** Folders whose contents are never a clone of the user's (or are git's own). */
const skipped = new Set(['.git', 'node_modules']);
/** Directory reads in flight at once: enough to keep libuv's threads busy, few descriptors. */
const parallel = 16;

export async function walkRepositories(
	root: string,
	options: WalkOptions = {},
): Promise<WalkResult> {
	const maxDepth = options.maxDepth ?? 8;
	const repositories: FoundRepository[] = [];
	const problems: WalkProblem[] = [];
	const queue: {dir: string; depth: number}[] = [{dir: path.resolve(root), depth: 0}];
	let running = 0;

	await new Promise<void>((resolve) => {
		const pump = () => {
			while (running < parallel && queue.length > 0 && !options.signal?.aborted) {
				const next = queue.pop()!;
				running++;
				visit(next.dir, next.depth).finally(() => {
					running--;
					pump();
				});
			}

			if (running === 0) {
				resolve();
			}
		};

		const visit = async (dir: string, depth: number) => {
			let entries: import('node:fs').Dirent[];
			try {
				entries = await readdir(dir, {withFileTypes: true});
			} catch (error) {
				problems.push({path: dir, reason: codeOf(error)});
				return;
			}

			const dotGit = entries.find((entry) => entry.name === '.git');
			if (dotGit !== undefined && !dotGit.isSymbolicLink()) {
				const found = await repositoryAt(dir, dotGit.isDirectory());
				if ('reason' in found) {
					problems.push(found);
				} else {
					repositories.push(found);
				}
			}

			if (depth >= maxDepth) {
				return;
			}

			for (const entry of entries) {
				// A Dirent of a symlink says isSymbolicLink, never isDirectory: links stay unfollowed.
				if (entry.isDirectory() && !skipped.has(entry.name)) {
					queue.push({dir: path.join(dir, entry.name), depth: depth + 1});
				}
			}
		};

		pump();
	});

	const byPath = (a: {root: string} | {path: string}, b: {root: string} | {path: string}) => {
		const left = 'root' in a ? a.root : a.path;
		const right = 'root' in b ? b.root : b.path;
		return left < right ? -1 : left > right ? 1 : 0;
	};
	return {repositories: repositories.sort(byPath), problems: problems.sort(byPath)};
}

/** The repository whose working tree is `dir`, from its `.git` folder or `.git` file. */
async function repositoryAt(
	dir: string,
	isFolder: boolean,
): Promise<FoundRepository | WalkProblem> {
	const dotGit = path.join(dir, '.git');
	if (isFolder) {
		return {root: dir, kind: 'clone', configPath: path.join(dotGit, 'config')};
	}

	let gitDir: string;
	try {
		const match = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'));
		if (!match) {
			return {path: dotGit, reason: 'a .git file without gitdir:'};
		}

		gitDir = path.resolve(dir, match[1]!);
	} catch (error) {
		return {path: dotGit, reason: codeOf(error)};
	}

	// A linked worktree's git dir names the shared one in `commondir`; a submodule's does not.
	const common = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
	if (common !== undefined) {
		const commonDir = path.resolve(gitDir, common.trim());
		return {root: dir, kind: 'worktree', configPath: path.join(commonDir, 'config')};
	}

	const inModules = gitDir.split(path.sep).includes('modules');
	return {
		root: dir,
		kind: inModules ? 'submodule' : 'clone',
		configPath: path.join(gitDir, 'config'),
	};
}

function codeOf(error: unknown): string {
	return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
}
