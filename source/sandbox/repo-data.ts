/**
 * Reads commits, refs and diffs from the bare repositories with the real git, so pushes
 * show up in the REST API at once. Commit metadata is immutable per hash and rev-lists
 * are immutable per set of resolved tips, so both are cached: paging through a
 * 10,000-commit history costs one `git rev-list` plus one `git log` per page.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {
	type CommitData,
	commitFormat,
	type DiffEntry,
	lines,
	parseCommits,
	parseDiff,
} from './git-output.js';
import type {GitRunner} from './git-runner.js';
import {GitCommandError} from './git-runner.js';

export type BranchData = {name: string; target: string};

export type TagData = {
	name: string;
	target: string;
	annotation?: {message: string; taggerName: string; taggerEmail: string; date: string};
};

export type CommitSelection = {
	include: readonly string[];
	exclude: readonly string[];
	path?: string;
};

const maxCachedRevLists = 32;

export class RepositoryReader {
	private readonly revLists = new Map<string, Promise<string[]>>();
	private readonly commitCache = new Map<string, Map<string, CommitData>>();

	constructor(private readonly git: GitRunner) {}

	/** The commit a revision (branch, tag, full or abbreviated hash) names, or undefined. */
	async resolveCommit(gitDir: string, revision: string): Promise<string | undefined> {
		if (revision === '' || revision.startsWith('-') || revision.includes('\0')) {
			return undefined;
		}

		try {
			const output = await this.git.run(
				['rev-parse', '--verify', '--quiet', `${revision}^{commit}`],
				{
					gitDir,
				},
			);
			return output.toString('utf8').trim();
		} catch (error) {
			if (error instanceof GitCommandError) {
				return undefined;
			}

			throw error;
		}
	}

	/** Every branch and tag tip, as commit hashes: what `git log --all` starts from. */
	async allTips(gitDir: string): Promise<string[]> {
		const output = await this.git.run(
			['for-each-ref', '--format=%(objectname) %(*objectname)', 'refs/heads', 'refs/tags'],
			{gitDir},
		);
		const tips = new Set<string>();
		for (const line of lines(output)) {
			const [object, peeled] = line.split(' ');
			const tip = peeled || object;
			if (tip) {
				tips.add(tip);
			}
		}

		return [...tips].sort();
	}

	/** Hashes reachable from `include` and not from `exclude`, newest first (`git rev-list` order). */
	commitHashes(gitDir: string, selection: CommitSelection): Promise<string[]> {
		const args = [
			'rev-list',
			...selection.include,
			...selection.exclude.map((hash) => `^${hash}`),
			...(selection.path === undefined ? [] : ['--', selection.path]),
		];
		const key = `${gitDir}\0${args.join('\0')}`;
		let hashes = this.revLists.get(key);
		if (hashes === undefined) {
			hashes = this.git.run(args, {gitDir}).then(lines);
			hashes.catch(() => this.revLists.delete(key));
			this.revLists.set(key, hashes);
			if (this.revLists.size > maxCachedRevLists) {
				const oldest = this.revLists.keys().next().value;
				if (oldest !== undefined) {
					this.revLists.delete(oldest);
				}
			}
		}

		return hashes;
	}

	/**
	 * Metadata of `hashes`, in the same order. On a cache miss, `prefetch` (the rest of a
	 * walk) is read in the same `git log`, so a long walk costs a process per ~1,000 commits.
	 */
	async commits(
		gitDir: string,
		hashes: readonly string[],
		prefetch: readonly string[] = [],
	): Promise<CommitData[]> {
		let cache = this.commitCache.get(gitDir);
		if (cache === undefined) {
			cache = new Map();
			this.commitCache.set(gitDir, cache);
		}

		const known = cache;
		if (hashes.some((hash) => !known.has(hash))) {
			const missing = [...new Set([...hashes, ...prefetch].filter((hash) => !known.has(hash)))];
			const output = await this.git.run(
				['log', '--no-walk=unsorted', '--stdin', '-z', `--format=${commitFormat}`],
				{gitDir, input: `${missing.join('\n')}\n`},
			);
			for (const commit of parseCommits(output.toString('utf8'))) {
				known.set(commit.hash, commit);
			}
		}

		return hashes.map((hash) => {
			const commit = known.get(hash);
			if (commit === undefined) {
				throw new Error(`Commit ${hash} vanished from ${gitDir}.`);
			}

			return commit;
		});
	}

	async branches(gitDir: string): Promise<BranchData[]> {
		const output = await this.git.run(
			['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)', 'refs/heads'],
			{gitDir},
		);
		return lines(output).flatMap((line) => {
			const [name, target] = line.split('\0');
			return name && target ? [{name, target}] : [];
		});
	}

	async tags(gitDir: string): Promise<TagData[]> {
		const format = [
			'%(refname:strip=2)',
			'%(objecttype)',
			'%(objectname)',
			'%(*objectname)',
			'%(*objecttype)',
			'%(taggername)',
			'%(taggeremail:trim)',
			'%(taggerdate:iso-strict)',
			'%(contents)',
		].join('%00');
		const output = await this.git.run(['for-each-ref', `--format=${format}%00%00`, 'refs/tags'], {
			gitDir,
		});
		return output
			.toString('utf8')
			.split('\0\0\n')
			.flatMap((record) => {
				const [name, type, object, peeled, peeledType, tagger, email, date, message] =
					record.split('\0');
				if (!name || !object) {
					return [];
				}

				if (type === 'commit') {
					return [{name, target: object}];
				}

				if (type === 'tag' && peeledType === 'commit' && peeled) {
					return [
						{
							name,
							target: peeled,
							annotation: {
								message: message ?? '',
								taggerName: tagger ?? '',
								taggerEmail: email ?? '',
								date: date ?? '',
							},
						},
					];
				}

				return [];
			});
	}

	/** The branch HEAD names (Bitbucket's main branch), read from the file: no process needed. */
	async headBranch(gitDir: string): Promise<string | undefined> {
		const head = await readFile(path.join(gitDir, 'HEAD'), 'utf8').catch(() => '');
		return /^ref: refs\/heads\/(.+)$/m.exec(head)?.[1];
	}

	/** Date of the newest branch tip, or undefined for an empty repository. */
	async lastUpdated(gitDir: string): Promise<string | undefined> {
		const output = await this.git.run(
			[
				'for-each-ref',
				'--sort=-committerdate',
				'--count=1',
				'--format=%(committerdate:iso-strict)',
				'refs/heads',
			],
			{gitDir},
		);
		return lines(output)[0];
	}

	/** Bytes of the repository's objects, what Bitbucket reports as a repository's `size`. */
	async size(gitDir: string): Promise<number> {
		const output = (await this.git.run(['count-objects', '-v'], {gitDir})).toString('utf8');
		const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
		return (kib('size') + kib('size-pack')) * 1024;
	}

	async mergeBase(gitDir: string, first: string, second: string): Promise<string | undefined> {
		try {
			return lines(await this.git.run(['merge-base', first, second], {gitDir}))[0];
		} catch (error) {
			if (error instanceof GitCommandError) {
				return undefined;
			}

			throw error;
		}
	}

	/** Changed paths from `from` to `to`; without `from`, against `to`'s first parent (or nothing, for a root). */
	async diff(gitDir: string, to: string, from?: string): Promise<DiffEntry[]> {
		const range = from === undefined ? ['--root', to] : [from, to];
		const output = await this.git.run(
			['diff-tree', '-r', '-M', '-z', '--no-commit-id', '--raw', '--numstat', ...range],
			{gitDir},
		);
		return parseDiff(output.toString('utf8'));
	}
}
