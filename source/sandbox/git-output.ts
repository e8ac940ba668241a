/**
 * What `git log -z` and `git diff-tree -z --raw --numstat` print, read into the records
 * the REST responses are built from.
 */

export type CommitData = {
	hash: string;
	parents: string[];
	authorName: string;
	authorEmail: string;
	/** Author date, ISO 8601 with offset, as Bitbucket shows it. */
	date: string;
	message: string;
};

export type DiffEntry = {
	status: 'added' | 'removed' | 'modified' | 'renamed';
	oldPath?: string;
	newPath?: string;
	linesAdded: number;
	linesRemoved: number;
	binary: boolean;
};

/** The fields of one commit in `git log --format`, NUL-separated: parseCommits reads them in this order. */
export const commitFormat = '%H%x00%P%x00%an%x00%ae%x00%aI%x00%B';
const fieldsPerCommit = 6;

export function lines(output: Buffer): string[] {
	return output
		.toString('utf8')
		.split('\n')
		.filter((line) => line !== '');
}

export function parseCommits(output: string): CommitData[] {
	const fields = output.split('\0');
	const commits: CommitData[] = [];
	for (let index = 0; index + fieldsPerCommit <= fields.length; index += fieldsPerCommit) {
		const [hash, parents, authorName, authorEmail, date, message] = fields.slice(
			index,
			index + fieldsPerCommit,
		);
		commits.push({
			hash: (hash ?? '').replace(/^\n/, ''),
			parents: parents ? parents.split(' ') : [],
			authorName: authorName ?? '',
			authorEmail: authorEmail ?? '',
			date: date ?? '',
			message: message ?? '',
		});
	}

	return commits;
}

const zero = {linesAdded: 0, linesRemoved: 0, binary: false};

const statuses: Record<string, DiffEntry['status']> = {
	A: 'added',
	D: 'removed',
	M: 'modified',
	T: 'modified',
	R: 'renamed',
};

/** Parses `diff-tree -z --raw --numstat`: all raw records first, then the numstat records in the same order. */
export function parseDiff(output: string): DiffEntry[] {
	const tokens = output.split('\0');
	const entries: DiffEntry[] = [];
	const counts: {added: number; removed: number; binary: boolean}[] = [];
	let index = 0;
	while (index < tokens.length) {
		const token = tokens[index++] ?? '';
		if (token === '') {
			continue;
		}

		if (token.startsWith(':')) {
			const letter = token.split(' ')[4]?.charAt(0) ?? 'M';
			const status = statuses[letter] ?? 'modified';
			const first = tokens[index++] ?? '';
			if (letter === 'R' || letter === 'C') {
				entries.push({status, oldPath: first, newPath: tokens[index++] ?? '', ...zero});
			} else if (status === 'added') {
				entries.push({status, newPath: first, ...zero});
			} else if (status === 'removed') {
				entries.push({status, oldPath: first, ...zero});
			} else {
				entries.push({status, oldPath: first, newPath: first, ...zero});
			}

			continue;
		}

		const [added, removed, pathField] = token.split('\t');
		if (pathField === '') {
			index += 2; // a rename: old and new paths follow as their own tokens
		}

		counts.push({
			added: Number.parseInt(added ?? '', 10) || 0,
			removed: Number.parseInt(removed ?? '', 10) || 0,
			binary: added === '-',
		});
	}

	return entries.map((entry, position) => {
		const count = counts[position];
		return count === undefined
			? entry
			: {...entry, linesAdded: count.added, linesRemoved: count.removed, binary: count.binary};
	});
}
