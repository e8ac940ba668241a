import {chmod, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {indexStats} from '../../source/git/pack/work-tree-files.js';
import {type IndexEntry, workTreeIndex} from '../../source/git/pack/work-tree-index.js';
import {createNativeGit, type NativeGit} from './native-git.js';

let git: NativeGit;
let root: string;

beforeAll(async () => {
	git = await createNativeGit();
	root = await mkdtemp(path.join(tmpdir(), 'bbtok-index-'));
});

afterAll(async () => {
	await rm(root, {recursive: true, force: true});
	await git?.dispose();
});

/** A work tree whose names sort differently as strings, as code units and as bytes. */
async function workTree(dir: string): Promise<void> {
	await git(['init', '-q', dir]);
	const files: Record<string, string> = {
		'a-b': 'dash sorts before slash\n',
		'a/b': 'in a folder\n',
		a0: 'digit sorts after slash\n',
		Z: 'upper case first\n',
		'ünï/cødé.txt': 'two-byte UTF-8\n',
		'\u{1F600}.txt': 'astral: a surrogate pair in JavaScript\n',
		'\uFB01.txt': 'above the surrogates in UTF-16, below the astral in bytes\n',
		'exec.sh': '#!/bin/sh\n',
		[`${'long'.repeat(60)}/${'name'.repeat(60)}`]: 'a 481-byte path\n',
	};
	for (const [name, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(dir, name)), {recursive: true});
		await writeFile(path.join(dir, name), text);
	}

	await chmod(path.join(dir, 'exec.sh'), 0o755);
	await symlink('a0', path.join(dir, 'link'));
}

/** What the checkout writers return for each path git staged, in an order of their own. */
async function entriesOf(dir: string): Promise<IndexEntry[]> {
	const staged = (await git(['ls-files', '--stage', '-z'], {cwd: dir})).split('\0');
	const entries: IndexEntry[] = [];
	for (const line of staged.filter(Boolean)) {
		const [info, filepath] = line.split('\t') as [string, string];
		const [mode, oid] = info.split(' ') as [string, string];
		const stats = await lstat(path.join(dir, filepath), {bigint: true});
		entries.push({filepath, oid, stats: indexStats(stats, Number.parseInt(mode, 8))});
	}

	return entries.reverse();
}

describe('the index of a fresh work tree', () => {
	it('is byte for byte the index git writes for the same files', async () => {
		const dir = path.join(root, 'same');
		await workTree(dir);
		await git(['add', '-A'], {cwd: dir});
		const gitsOwn = await readFile(path.join(dir, '.git', 'index'));

		const ours = workTreeIndex(await entriesOf(dir));

		expect(ours.equals(gitsOwn)).toBe(true);
	});

	it('is read by git as matching the work tree: nothing to refresh, nothing changed', async () => {
		const dir = path.join(root, 'clean');
		await workTree(dir);
		await git(['add', '-A'], {cwd: dir});
		const identity = ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid'];
		await git([...identity, 'commit', '-q', '-m', 'files'], {cwd: dir});
		const entries = await entriesOf(dir);
		await rm(path.join(dir, '.git', 'index'));

		await writeFile(path.join(dir, '.git', 'index'), workTreeIndex(entries));

		// diff-files compares the recorded stats with the files' own, without rehashing.
		await expect(git(['diff-files', '--quiet'], {cwd: dir})).resolves.toBe('');
		expect(await git(['status', '--porcelain'], {cwd: dir})).toBe('');
		expect(await git(['fsck', '--strict', '--no-dangling'], {cwd: dir})).toBe('');
	});

	it('records no entries for an empty tree', () => {
		const index = workTreeIndex([]);
		expect(index.subarray(0, 12)).toEqual(Buffer.from('DIRC\0\0\0\x02\0\0\0\0', 'latin1'));
		expect(index.length).toBe(32);
	});
});
