/**
 * One offline look at a folder tree: the repositories under it, their Bitbucket remotes with
 * how each authenticates, and git's credential-file entries for the Bitbucket host. Sends
 * nothing and writes nothing; shared by `status --scan` and `fix-remote --scan`.
 */
import {stat} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../core/errors.js';
import {type ScannedRemote, scanClones} from './clones.js';
import {type CredentialEntry, readCredentialFiles} from './credential-files.js';
import {type WalkProblem, walkRepositories} from './walk.js';

export type ScanRequest = {
	/** Absolute. */
	readonly dir: string;
	readonly gitUrl: string;
	/** git's credential files, in the order its store helper reads them. */
	readonly credentialFiles: readonly string[];
	readonly signal?: AbortSignal | undefined;
};

export type TreeScan = {
	readonly dir: string;
	readonly repositoryCount: number;
	readonly remotes: readonly ScannedRemote[];
	readonly credentials: readonly CredentialEntry[];
	/** Folders, configs and credential files that could not be read: passed over. */
	readonly problems: readonly WalkProblem[];
};

export async function scanTree(request: ScanRequest): Promise<TreeScan> {
	const {dir, gitUrl} = request;
	const info = await stat(dir).catch(() => undefined);
	if (info === undefined || !info.isDirectory()) {
		throw new UsageError(`--scan ${dir}: ${info ? 'not a folder' : 'no such folder'}.`, {
			hint: 'Give the folder that holds your clones, e.g. --scan ~/src.',
		});
	}

	const isBitbucketHost = bitbucketHostTest(gitUrl);
	// Credential files first: their secrets are registered before any URL is formatted.
	const [stored, walked] = await Promise.all([
		readCredentialFiles(request.credentialFiles, isBitbucketHost),
		walkRepositories(dir, {signal: request.signal}),
	]);
	const clones = await scanClones(walked.repositories, {gitUrl, credentials: stored.entries});
	return {
		dir,
		repositoryCount: walked.repositories.length,
		remotes: clones.remotes,
		credentials: stored.entries,
		problems: [
			...walked.problems,
			...clones.problems,
			...stored.problems.map(({file, reason}) => ({path: file, reason})),
		],
	};
}

/** bitbucket.org, and the configured git host (a sandbox or a proxy) when it is another. */
function bitbucketHostTest(gitUrl: string): (host: string) => boolean {
	const configured = URL.canParse(gitUrl) ? new URL(gitUrl).host.toLowerCase() : undefined;
	return (host) => host === 'bitbucket.org' || host === configured;
}

/** A path as the scan's outputs show it: relative to the scanned folder. */
export function shownPath(scan: Pick<TreeScan, 'dir'>, file: string): string {
	const relative = path.relative(scan.dir, file);
	return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}
