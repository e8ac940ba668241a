/**
 * What fix-remote finds before it asks anything: the repository, its config as read (the
 * snapshot a later write checks against), its remotes, which of them are Bitbucket
 * repositories, and which URLs embed a secret.
 */
import path from 'node:path';
import {ConfigFile, type ConfigSnapshot, readConfigFile} from '../../git/config-file.js';
import {
	findRepository,
	type LocalRepository,
	type Remote,
	remotesOf,
} from '../../git/repository.js';
import {type EmbeddedCredential, embeddedCredentials} from './credentials.js';
import {type BitbucketRemote, bitbucketRemotes} from './remote-choice.js';

export type Inspection = {
	readonly repository: LocalRepository;
	readonly snapshot: ConfigSnapshot;
	readonly config: ConfigFile;
	readonly remotes: readonly Remote[];
	readonly candidates: readonly BitbucketRemote[];
	readonly credentials: readonly EmbeddedCredential[];
};

export async function inspectRepository(from: string, gitUrl: string): Promise<Inspection> {
	const repository = await findRepository(from);
	const snapshot = await readConfigFile(repository.configPath);
	const config = ConfigFile.parse(snapshot.text, repository.configPath);
	// Registers embedded secrets before anything (a remote list, an error) can print a URL.
	const credentials = embeddedCredentials(config);
	const remotes = remotesOf(config);
	return {
		repository,
		snapshot,
		config,
		remotes,
		candidates: bitbucketRemotes(remotes, gitUrl),
		credentials,
	};
}

/** How a repository is named in messages: its root, relative to `cwd` when inside it. */
export function displayPath(repository: LocalRepository, cwd: string): string {
	const relative = path.relative(cwd, repository.root);
	return relative === '' ? '.' : relative.startsWith('..') ? repository.root : relative;
}
