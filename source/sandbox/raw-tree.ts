/**
 * Bare repositories whose one commit has a tree written byte by byte (`git hash-object -t
 * tree --literally`), so the sandbox can serve what no honest git would make: entries named
 * `..`, `.git` or `a/b`, duplicate names, a symlink and a folder of the same name. Tests use
 * them to check that a clone refuses what a hostile server sends.
 */
import type {GitRunner} from './git-runner.js';

export type RawEntry =
	| {name: string; mode?: '100644' | '100755'; content: string | Buffer}
	| {name: string; mode: '120000'; target: string}
	| {name: string; mode?: '40000'; entries: readonly RawEntry[]};

/** Creates `gitDir` as a bare repository whose `main` holds one commit of `entries`, in the given order. */
export async function createRawTreeRepository(
	git: GitRunner,
	gitDir: string,
	entries: readonly RawEntry[],
): Promise<string> {
	await git.run(['init', '-q', '--bare', '-b', 'main', gitDir]);
	const write = async (type: 'blob' | 'tree', data: Buffer) =>
		(
			await git.run(['hash-object', '-t', type, '-w', '--literally', '--stdin'], {
				gitDir,
				input: data,
			})
		)
			.toString()
			.trim();
	const tree = async (list: readonly RawEntry[]): Promise<string> => {
		const parts: Buffer[] = [];
		for (const entry of list) {
			const [mode, id] =
				'entries' in entry
					? ['40000', await tree(entry.entries)]
					: 'target' in entry
						? ['120000', await write('blob', Buffer.from(entry.target))]
						: [entry.mode ?? '100644', await write('blob', Buffer.from(entry.content))];
			parts.push(Buffer.from(`${mode} ${entry.name}\0`), Buffer.from(id, 'hex'));
		}

		return write('tree', Buffer.concat(parts));
	};

	const identity = {name: 'Raw Tree', email: 'raw@example.com', date: '1700000000 +0000'};
	const commit = (
		await git.run(['commit-tree', await tree(entries), '-m', 'Raw tree'], {
			gitDir,
			env: {
				GIT_AUTHOR_NAME: identity.name,
				GIT_AUTHOR_EMAIL: identity.email,
				GIT_AUTHOR_DATE: identity.date,
				GIT_COMMITTER_NAME: identity.name,
				GIT_COMMITTER_EMAIL: identity.email,
				GIT_COMMITTER_DATE: identity.date,
			},
		})
	)
		.toString()
		.trim();
	await git.run(['update-ref', 'refs/heads/main', commit], {gitDir});
	return commit;
}
