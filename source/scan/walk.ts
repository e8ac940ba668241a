/**
 * Finds the git repositories under a folder, fast and without surprises: symlinks are never
 * followed (a link loop costs nothing), `node_modules` and the insides of `.git` are not
 * entered, the depth is bounded, and a folder that cannot be read is noted and passed over.
 * Linked worktrees and submodules (a `.git` file saying `gitdir: …`) are recognised, each
 * with the config file that holds its remotes.
 */
import {type Dirent, readdirSync, readFileSync} from 'node:fs';
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

/**
 * Synchronous on purpose: thousands of tiny directory reads through the thread pool cost
 * more in promises, handles and garbage than the reads themselves (1,000 clones: ~330 ms
 * async, ~100 ms like this), and a walk this short need not yield to anything.
 */
export async function walkRepositories(
	root: string,
	options: WalkOptions = {},
): Promise<WalkResult> {
	const maxDepth = options.maxDepth ?? 8;
	const repositories: FoundRepository[] = [];
	const problems: WalkProblem[] = [];
	const stack: {dir: string; depth: number}[] = [{dir: path.resolve(root), depth: 0}];
	while (stack.length > 0 && !options.signal?.aborted) {
		const {dir, depth} = stack.pop()!;
		let entries: Dirent[];
		try {
			entries = readdirSync(dir, {withFileTypes: true});
		} catch (error) {
			problems.push({path: dir, reason: codeOf(error)});
			continue;
		}

		const dotGit = entries.find((entry) => entry.name === '.git');
		if (dotGit !== undefined && !dotGit.isSymbolicLink()) {
			const found = repositoryAt(dir, dotGit.isDirectory());
			if ('reason' in found) {
				problems.push(found);
			} else {
				repositories.push(found);
			}
		}

		if (depth >= maxDepth) {
			continue;
		}

		for (const entry of entries) {
			// A Dirent of a symlink says isSymbolicLink, never isDirectory: links stay unfollowed.
			if (entry.isDirectory() && !skipped.has(entry.name)) {
				stack.push({dir: path.join(dir, entry.name), depth: depth + 1});
			}
		}
	}

	const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	repositories.sort((a, b) => order(a.root, b.root));
	problems.sort((a, b) => order(a.path, b.path));
	return {repositories, problems};
}

/** The repository whose working tree is `dir`, from its `.git` folder or `.git` file. */
function repositoryAt(dir: string, isFolder: boolean): FoundRepository | WalkProblem {
	const dotGit = path.join(dir, '.git');
	if (isFolder) {
		return {root: dir, kind: 'clone', configPath: path.join(dotGit, 'config')};
	}

	let gitDir: string;
	try {
		const match = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
		if (!match) {
			return {path: dotGit, reason: 'a .git file without gitdir:'};
		}

		gitDir = path.resolve(dir, match[1]!);
	} catch (error) {
		return {path: dotGit, reason: codeOf(error)};
	}

	// A linked worktree's git dir names the shared one in `commondir`; a submodule's does not.
	const common = readOrUndefined(path.join(gitDir, 'commondir'));
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

function readOrUndefined(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

function codeOf(error: unknown): string {
	return (error as NodeJS.ErrnoException | undefined)?.code ?? 'unreadable';
}
