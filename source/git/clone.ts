/**
 * Clones a Bitbucket repository with isomorphic-git through the token transport, and
 * leaves a clone that native git treats as its own: the remote URL for the chosen
 * `--auth` mode, core.* settings probed on this filesystem, upstream tracking for
 * `git pull`. On failure or abort it removes exactly what this run created.
 */
import fs from 'node:fs';
import {chmod, lstat, mkdir, readdir, rm, symlink, unlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import git, {type HttpClient} from 'isomorphic-git';
import type {Dispatcher} from 'undici';
import {formatRepoRef, type RepoRef} from '../bitbucket/repo-ref.js';
import type {AuthMode} from '../core/context.js';
import {BbtokError, UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {type Advertisement, replayingAdvertisement} from './advertisement.js';
import {type FilesystemTraits, nativeCloneConfig} from './clone-config.js';
import {cloneFailure, interrupted} from './clone-failure.js';
import {type CloneProgress, createProgressReporter} from './clone-progress.js';
import {createGitHttp} from './http-transport.js';
import {cloneLocalFailure, mkdirFailure} from './local-failures.js';
import {closePackReaders} from './pack/index.js';
import {cloneUrl, remoteUrlFor} from './remote-url.js';
import {checkoutSafely} from './safe-paths.js';

export type {CloneProgress} from './clone-progress.js';

export type CloneOptions = {
	/** The target: absent or an empty directory. A relative path resolves against process.cwd(). */
	dir: string;
	gitUrl: string;
	ref: RepoRef;
	token: string;
	auth: AuthMode;
	/** Defaults to the repository's main branch (the remote HEAD). */
	branch?: string;
	/** Shallow clone of this many commits. */
	depth?: number;
	onProgress?: (progress: CloneProgress) => void;
	signal?: AbortSignal;
	dispatcher: Dispatcher;
	/** The token check's upload-pack advertisement: answers the clone's first request while fresh. */
	advertisement?: Advertisement;
	/** Runs on the finished clone before it counts as done (`--auth helper` stores the token); a failure removes the clone. */
	afterClone?: (dir: string) => Promise<void>;
};

export type CloneResult = {dir: string; branch: string; head: string};

/** Bitbucket's default branch name, used for the first push into an empty repository. */
const emptyRepositoryBranch = 'main';

export async function cloneRepository(options: CloneOptions): Promise<CloneResult> {
	const dir = path.resolve(options.dir);
	const {signal} = options;
	const name = formatRepoRef(options.ref);
	if (signal?.aborted) {
		throw interrupted(name);
	}

	const undo = await claimTarget(dir).catch(async (error: unknown) => {
		throw cloneLocalFailure(await mkdirFailure(dir, error), {dir, packBytes: 0}) ?? error;
	});
	const failures: BbtokError[] = [];
	const progress = createProgressReporter(options.onProgress, signal);
	let packBytes = 0;
	// Aborted on failure: a response isomorphic-git stopped reading (its pack refused) is closed.
	const stop = new AbortController();
	const transport = createGitHttp({
		token: options.token,
		dispatcher: options.dispatcher,
		signal: signal ? AbortSignal.any([signal, stop.signal]) : stop.signal,
		onBytes: (total) => {
			packBytes = total;
			progress.onBytes(total);
		},
		onFailure: (error) => failures.push(error),
	});
	const replaying = replayingAdvertisement(transport, options.advertisement);
	const http: HttpClient = {
		request(request) {
			progress.onRequest(request.method);
			return replaying.request(request);
		},
	};

	// isomorphic-git's per-command cache, where the pack readers keep their file descriptors.
	const cache = {};
	try {
		await git.clone({
			fs,
			http,
			cache,
			dir,
			url: cloneUrl(options.gitUrl, options.ref),
			ref: options.branch,
			// As native git: a full clone brings every branch and the tags; a shallow one, one branch
			// and no tags (isomorphic-git would fetch each tag's whole history past the depth).
			singleBranch: options.depth !== undefined,
			noTags: options.depth !== undefined,
			depth: options.depth,
			// The tree is checked before anything is checked out (safe-paths.ts).
			noCheckout: true,
			onProgress: progress.onPhase,
		});
		await checkoutSafely(dir, name, progress.onPhase, signal, cache);
		closePackReaders(cache);
		if (signal?.aborted) {
			throw interrupted(name);
		}

		const result = await finishClone(dir, options);
		await options.afterClone?.(result.dir);
		return result;
	} catch (error) {
		// The transport's failures so far: aborting fails a response still being read (a pack
		// refused as it streams in), and that failure would be reported as an interruption.
		const seen = [...failures];
		stop.abort();
		closePackReaders(cache);
		await undo();
		throw cloneFailure(error, {
			name,
			dir,
			packBytes,
			branch: options.branch,
			failures: seen,
			signal,
		});
	}
}

/**
 * Refuses a target that exists and is not an empty directory (touching nothing), creates
 * it otherwise, and returns how to remove what this run will have created in it.
 */
async function claimTarget(dir: string): Promise<() => Promise<void>> {
	const shown = redact(dir);
	let entries: string[];
	try {
		entries = await readdir(dir);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			const firstCreated = (await mkdir(dir, {recursive: true})) ?? dir;
			return () => rm(firstCreated, {recursive: true, force: true, maxRetries: 3});
		}

		if (code === 'ENOTDIR') {
			throw new UsageError(`The clone target ${shown} exists and is not a directory.`, {
				hint: 'Choose another directory with --dir.',
			});
		}

		throw new BbtokError(`Cannot use ${shown} as the clone target (${code ?? 'unreadable'}).`, {
			hint: 'Choose another directory with --dir.',
		});
	}

	if (entries.length > 0) {
		throw new UsageError(`The clone target ${shown} already exists and is not empty.`, {
			hint: 'Choose another directory with --dir, or empty this one first.',
		});
	}

	return async () => {
		const written = await readdir(dir).catch(() => []);
		await Promise.all(
			written.map((entry) =>
				rm(path.join(dir, entry), {recursive: true, force: true, maxRetries: 3}),
			),
		);
	};
}

/** Makes the fresh clone look like one native git made, and points origin where `--auth` says. */
async function finishClone(dir: string, options: CloneOptions): Promise<CloneResult> {
	const gitdir = path.join(dir, '.git');
	let branch = await git.currentBranch({fs, dir});
	let head = '';
	try {
		head = await git.resolveRef({fs, dir, ref: 'HEAD'});
	} catch {
		// An empty repository: no commit yet. Prepare the first push of its default branch.
		branch = options.branch ?? emptyRepositoryBranch;
		await writeFile(path.join(gitdir, 'HEAD'), `ref: refs/heads/${branch}\n`);
	}

	if (!branch) {
		throw new BbtokError('The clone has no current branch.', {
			hint: 'Pass --branch with the branch to check out.',
		});
	}

	const config = nativeCloneConfig({
		filesystem: await probeFilesystem(gitdir),
		remoteUrl: remoteUrlFor(options.gitUrl, options.ref, options.auth, options.token),
		branch,
		singleBranch: options.depth !== undefined,
	});
	const configPath = path.join(gitdir, 'config');
	await writeFile(configPath, config);
	if (options.auth === 'embed') {
		// The token sits in this file now: keep other local users from reading it.
		await chmod(configPath, 0o600);
	}

	await dropDanglingRemoteHead(dir, gitdir);
	return {dir, branch, head};
}

/** What native `git init` probes: does chmod stick, do symlinks work, do names ignore case. */
async function probeFilesystem(gitdir: string): Promise<FilesystemTraits> {
	const probe = path.join(gitdir, `probe-${process.pid}-${Date.now()}`);
	const link = `${probe}-link`;
	try {
		await writeFile(probe, '', {mode: 0o644});
		await chmod(probe, 0o755);
		const filemode = ((await lstat(probe)).mode & 0o100) !== 0;
		const symlinks = await symlink(path.basename(probe), link).then(
			() => true,
			() => false,
		);
		const ignorecase = await lstat(path.join(gitdir, 'CoNfIg')).then(
			() => true,
			() => false,
		);
		return {filemode, symlinks, ignorecase};
	} finally {
		await unlink(link).catch(() => undefined);
		await unlink(probe).catch(() => undefined);
	}
}

/** refs/remotes/origin/HEAD must name a ref that was fetched, or native git warns on every command. */
async function dropDanglingRemoteHead(dir: string, gitdir: string): Promise<void> {
	const remoteHead = 'refs/remotes/origin/HEAD';
	try {
		await git.resolveRef({fs, dir, ref: remoteHead});
	} catch {
		await rm(path.join(gitdir, remoteHead), {force: true});
	}
}
