/**
 * Which scanned repositories `fix-remote --scan` offers to move onto token auth: one remote
 * per config file (worktrees share their main repository's, so each is fixed once), chosen
 * as fix-remote chooses (--remote NAME, else origin, else the only Bitbucket remote). Clones
 * that work with the user's own SSH key or API token are left as they are: moving them onto
 * a bot's token would change who pushes.
 */
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {FoundAuthMode, Verdict} from '../git/auth-mode.js';
import type {ScannedRemote} from './clones.js';

export type Candidate = {
	/** The working tree fix-remote is pointed at: the main one when its worktrees were found too. */
	readonly root: string;
	/** Other folders (worktrees) that share this config. */
	readonly alsoAt: readonly string[];
	readonly configPath: string;
	readonly remote: string;
	readonly ref: RepoRef;
	readonly mode: FoundAuthMode;
	readonly verdict: Verdict;
};

export type Passed = {readonly root: string; readonly reason: string};

export function chooseCandidates(
	remotes: readonly ScannedRemote[],
	requested?: string,
): {candidates: Candidate[]; passed: Passed[]} {
	const byConfig = new Map<string, ScannedRemote[]>();
	for (const remote of remotes) {
		const group = byConfig.get(remote.repository.configPath) ?? [];
		group.push(remote);
		byConfig.set(remote.repository.configPath, group);
	}

	const candidates: Candidate[] = [];
	const passed: Passed[] = [];
	for (const [configPath, group] of byConfig) {
		const roots = [...new Set(group.map((remote) => remote.repository.root))];
		const main =
			group.find((remote) => remote.repository.kind !== 'worktree')?.repository.root ?? roots[0]!;
		const chosen = pick(
			group.filter((remote) => remote.repository.root === main),
			requested,
		);
		if (typeof chosen === 'string') {
			passed.push({root: main, reason: chosen});
			continue;
		}

		if (chosen.verdict === 'ok' && (chosen.mode === 'ssh' || chosen.mode === 'api-token')) {
			const how = chosen.mode === 'ssh' ? 'your SSH key' : 'your own API token';
			passed.push({root: main, reason: `works with ${how}; left as is`});
			continue;
		}

		candidates.push({
			root: main,
			alsoAt: roots.filter((root) => root !== main),
			configPath,
			remote: chosen.remote,
			ref: chosen.ref,
			mode: chosen.mode,
			verdict: chosen.verdict,
		});
	}

	return {candidates, passed};
}

/** The remote fix-remote would edit, or why there is none to choose without asking. */
function pick(remotes: readonly ScannedRemote[], requested?: string): ScannedRemote | string {
	if (requested !== undefined) {
		return (
			remotes.find((remote) => remote.remote === requested) ??
			`no Bitbucket remote named ${requested}`
		);
	}

	const origin = remotes.find((remote) => remote.remote === 'origin');
	if (origin || remotes.length === 1) {
		return origin ?? remotes[0]!;
	}

	return `several Bitbucket remotes (${remotes.map((remote) => remote.remote).join(', ')}); run fix-remote PATH --remote NAME`;
}
