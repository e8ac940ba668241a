/**
 * What `--scan` knows about each repository found: its Bitbucket remotes, how each one
 * authenticates and whether that can still work, read offline from the config alone. A
 * remote that leaves the secret to git (no password in the URL) is judged by the matching
 * credential-file entry when there is one: that is what git would send.
 */
import {readFileSync} from 'node:fs';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {type FoundAuthMode, remoteAuthOf, type Verdict} from '../git/auth-mode.js';
import {ConfigFile} from '../git/config-file.js';
import {remotesOf} from '../git/repository.js';
import {embeddedCredentials} from '../use-cases/fix-remote/credentials.js';
import {bitbucketRefOf} from '../use-cases/fix-remote/remote-choice.js';
import type {CredentialEntry} from './credential-files.js';
import {redactUrl} from './redact-url.js';
import type {FoundRepository, WalkProblem} from './walk.js';

export type ScannedRemote = {
	readonly repository: FoundRepository;
	readonly remote: string;
	readonly ref: RepoRef;
	/** Redacted. */
	readonly url: string;
	readonly mode: FoundAuthMode;
	readonly verdict: Verdict;
	/** The credential-file entry git would answer with, when the verdict comes from it. */
	readonly via?: CredentialEntry | undefined;
};

export type ScannedClones = {
	readonly remotes: readonly ScannedRemote[];
	/** Repositories whose config could not be read or parsed. */
	readonly problems: readonly WalkProblem[];
};

export async function scanClones(
	repositories: readonly FoundRepository[],
	options: {gitUrl: string; credentials: readonly CredentialEntry[]},
): Promise<ScannedClones> {
	// Worktrees share their main repository's config: read each file once.
	// Synchronous reads, like the walk's: a thousand small files cost less without promises.
	const configs = new Map<string, ConfigFile>();
	const configOf = (file: string) => {
		let config = configs.get(file);
		if (config === undefined) {
			config = ConfigFile.parse(readFileSync(file, 'utf8'), file);
			configs.set(file, config);
		}

		return config;
	};

	const results = repositories.map((repository) => {
		try {
			return remotesIn(repository, configOf(repository.configPath), options);
		} catch {
			return {path: repository.configPath, reason: 'unreadable or invalid config'};
		}
	});
	return {
		remotes: results.flatMap((result) => (Array.isArray(result) ? result : [])),
		problems: results.flatMap((result) => (Array.isArray(result) ? [] : [result])),
	};
}

function remotesIn(
	repository: FoundRepository,
	config: ConfigFile,
	options: {gitUrl: string; credentials: readonly CredentialEntry[]},
): ScannedRemote[] {
	// Registers every embedded secret before any URL can reach an output.
	embeddedCredentials(config);
	return remotesOf(config).flatMap((remote) => {
		const ref = bitbucketRefOf(remote.url, options.gitUrl);
		if (ref === undefined) {
			return [];
		}

		const auth = remoteAuthOf(remote.url, {helperScoped: helperScoped(config, remote.url)});
		const via =
			auth.embedsSecret || auth.mode === 'ssh' || auth.mode === 'helper'
				? undefined
				: storedFor(remote.url, auth.username, options.credentials);
		return [
			{
				repository,
				remote: remote.name,
				ref,
				url: redactUrl(remote.url),
				// `prompt` stays prompt whatever git then finds stored: that is how it asks.
				mode: via && auth.mode !== 'prompt' ? via.mode : auth.mode,
				verdict: via?.verdict ?? auth.verdict,
				...(via ? {via} : {}),
			},
		];
	});
}

/** A `credential.<url>.helper` whose URL covers the remote's, as `--auth helper` writes it. */
function helperScoped(config: ConfigFile, url: string): boolean {
	const bare = withoutUserinfo(url);
	return config
		.entries()
		.some(
			(entry) =>
				entry.section === 'credential' &&
				entry.key === 'helper' &&
				entry.subsection !== undefined &&
				entry.value !== undefined &&
				entry.value !== '' &&
				bare.startsWith(withoutUserinfo(entry.subsection)),
		);
}

/** The first stored entry for the URL's host (and username, when the URL names one), as git's store helper picks. */
function storedFor(
	url: string,
	username: string | undefined,
	credentials: readonly CredentialEntry[],
): CredentialEntry | undefined {
	const host = /^[a-z]+:\/\/(?:[^/@]*@)?([^/?#]+)/i.exec(url)?.[1]?.toLowerCase();
	return credentials.find(
		(entry) => entry.host === host && (username === undefined || entry.username === username),
	);
}

function withoutUserinfo(url: string): string {
	return url.replace(/^([a-z][a-z\d+.-]*:\/\/)[^/@]*@/i, '$1').toLowerCase();
}
