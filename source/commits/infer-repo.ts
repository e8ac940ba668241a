/**
 * REPO for `commits` when none is given: the Bitbucket remote of the git repository the
 * current directory belongs to (walking up to its root). `origin` is preferred; otherwise
 * the first remote that names a Bitbucket repository, in config order.
 */
import {parseRepoRef, type RepoRef} from '../bitbucket/repo-ref.js';
import {UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {findRepository, listRemotes} from '../git/repository.js';

const giveRepoHint =
	'Give the repository: bbtok-tui commits workspace/repo (or a bitbucket.org URL).';

export async function inferRepoRef(cwd: string, options: {gitUrl?: string} = {}): Promise<RepoRef> {
	const repository = await findRepository(cwd).catch((error: unknown) => {
		throw new UsageError('No REPO given, and this folder is not inside a git clone.', {
			hint: giveRepoHint,
			cause: error,
		});
	});
	const remotes = await listRemotes(repository);
	const ordered = [
		...remotes.filter((remote) => remote.name === 'origin'),
		...remotes.filter((remote) => remote.name !== 'origin'),
	];
	for (const remote of ordered) {
		const ref = tryParse(remote.url, options.gitUrl);
		if (ref) {
			return ref;
		}
	}

	const names = remotes.map((remote) => remote.name).join(', ');
	throw new UsageError(
		remotes.length === 0
			? `No REPO given, and the clone at ${redact(repository.root)} has no remotes.`
			: `No REPO given, and no remote of the clone at ${redact(repository.root)} (${names}) is a Bitbucket repository.`,
		{hint: giveRepoHint},
	);
}

function tryParse(url: string, gitUrl: string | undefined): RepoRef | undefined {
	try {
		return parseRepoRef(url, {gitUrl});
	} catch {
		return undefined;
	}
}
