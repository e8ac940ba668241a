/**
 * Which remote fix-remote edits: `--remote NAME`, else `origin` when it is a Bitbucket
 * repository, else the only Bitbucket remote; several candidates and no choice means the
 * user is asked (interactive) or told to pass --remote (headless).
 */
import {parseRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {UsageError} from '../../core/errors.js';
import {redact} from '../../core/redaction.js';
import type {Remote} from '../../git/repository.js';

export type BitbucketRemote = {readonly remote: Remote; readonly ref: RepoRef};

export type RemoteChoice =
	| {readonly kind: 'chosen'; readonly chosen: BitbucketRemote}
	| {readonly kind: 'ask'; readonly candidates: readonly BitbucketRemote[]};

/** The repository a remote URL names, if it is on bitbucket.org or the configured git host. */
export function bitbucketRefOf(url: string, gitUrl: string): RepoRef | undefined {
	// Local paths (`../widget`, `acme/widget`) are remotes too, but never Bitbucket ones.
	const isUrl = /^[a-z][a-z\d+.-]*:\/\//i.test(url) || /^[^/]+:/.test(url);
	if (!isUrl) {
		return undefined;
	}

	try {
		return parseRepoRef(url, {gitUrl});
	} catch {
		return undefined;
	}
}

export function bitbucketRemotes(remotes: readonly Remote[], gitUrl: string): BitbucketRemote[] {
	return remotes.flatMap((remote) => {
		const ref = bitbucketRefOf(remote.url, gitUrl);
		return ref ? [{remote, ref}] : [];
	});
}

export function chooseRemote(options: {
	remotes: readonly Remote[];
	candidates: readonly BitbucketRemote[];
	requested?: string | undefined;
	where: string;
}): RemoteChoice {
	const {remotes, candidates, requested, where} = options;
	if (requested !== undefined) {
		const chosen = candidates.find((candidate) => candidate.remote.name === requested);
		if (chosen) {
			return {kind: 'chosen', chosen};
		}

		const exists = remotes.some((remote) => remote.name === requested);
		throw new UsageError(
			exists
				? `Remote "${requested}" of ${where} is not a Bitbucket repository (${describe(remotes)}).`
				: `${where} has no remote "${requested}" (${describe(remotes)}).`,
			{hint: hintFor(candidates)},
		);
	}

	const origin = candidates.find((candidate) => candidate.remote.name === 'origin');
	if (origin) {
		return {kind: 'chosen', chosen: origin};
	}

	if (candidates.length === 1) {
		return {kind: 'chosen', chosen: candidates[0]!};
	}

	if (candidates.length === 0) {
		throw new UsageError(`No Bitbucket remote in ${where} (${describe(remotes)}).`, {
			hint: 'Add one first, e.g. git remote add origin https://bitbucket.org/WORKSPACE/REPO.git, or clone with bbtok-tui onboard.',
		});
	}

	return {kind: 'ask', candidates};
}

/** `origin git@github.com:x/y.git, backup https://jo:***@…`: what was found, secrets redacted. */
export function describe(remotes: readonly Remote[]): string {
	if (remotes.length === 0) {
		return 'it has no remotes';
	}

	return `found: ${remotes.map((remote) => `${remote.name} ${redact(remote.url)}`).join(', ')}`;
}

function hintFor(candidates: readonly BitbucketRemote[]): string {
	return candidates.length === 0
		? 'Add a Bitbucket remote first: git remote add origin https://bitbucket.org/WORKSPACE/REPO.git'
		: `Pick one with --remote: ${candidates.map((candidate) => candidate.remote.name).join(', ')}.`;
}
