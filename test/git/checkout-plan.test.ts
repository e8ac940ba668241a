/**
 * A fresh clone is checked out from the plan its safety walk made (source/git/safe-paths.ts),
 * not from isomorphic-git's analysis of tree, work tree and index: the plan lists what that
 * analysis lists, in its order, and the checkout it drives leaves what the analysed one
 * leaves, as the real git reads it. A work tree holding anything besides .git is analysed.
 */
import fs from 'node:fs';
import {
	chmod,
	mkdir,
	mkdtemp,
	readdir,
	readFile,
	readlink,
	rm,
	stat,
	symlink,
	writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import isomorphicGit from 'isomorphic-git';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {closePackReaders} from '../../source/git/pack/index.js';
import {assertSafeTree, type CheckoutOp, checkoutSafely} from '../../source/git/safe-paths.js';
import {git} from '../helpers/large-blob-repo.js';

let scratch: string;
let source: string;
let head: string;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-checkout-plan-'));
	source = path.join(scratch, 'source');
	git(['init', '-q', '--initial-branch=main', source]);
	const files = ['a/inner.txt', 'a-b', 'a.txt', 'run.sh', 'z/y/x/deep.txt', '\u00e9.txt'];
	for (const file of files) {
		await mkdir(path.dirname(path.join(source, file)), {recursive: true});
		await writeFile(path.join(source, file), `${file}\n`);
	}

	await chmod(path.join(source, 'run.sh'), 0o755);
	await symlink('a.txt', path.join(source, 'link'));
	git(['add', '-A'], source);
	git(['commit', '-q', '-m', 'Files'], source);
	// A gitlink (a submodule's commit), which isomorphic-git checks out as an empty folder.
	const submodule = git(['rev-parse', 'HEAD'], source).trim();
	git(['update-index', '--add', '--cacheinfo', `160000,${submodule},sub`], source);
	git(['commit', '-q', '-m', 'Submodule'], source);
	head = git(['rev-parse', 'HEAD'], source).trim();
});

afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

/** A clone of the source without checkout, as the clone leaves it before checkoutSafely. */
async function cloneWithoutCheckout(name: string): Promise<string> {
	const dir = path.join(scratch, name);
	git(['clone', '-q', '--no-checkout', '--no-local', source, dir]);
	return dir;
}

/** Each path of the work tree outside .git, with its kind, mode and content or link target. */
async function listing(dir: string): Promise<string[]> {
	const entries = (await readdir(dir, {recursive: true})).filter(
		(entry) => entry !== '.git' && !entry.startsWith(`.git${path.sep}`),
	);
	return Promise.all(
		entries.sort().map(async (entry) => {
			const full = path.join(dir, entry);
			const stats = await fs.promises.lstat(full);
			if (stats.isSymbolicLink()) return `${entry} -> ${await readlink(full)}`;
			if (stats.isDirectory()) return `${entry}/`;
			return `${entry} ${(stats.mode & 0o777).toString(8)} ${await readFile(full, 'utf8')}`;
		}),
	);
}

test("the safety walk plans what isomorphic-git's analysis does to an empty work tree, in its order", async () => {
	const dir = await cloneWithoutCheckout('walk');
	const oid = (file: string) => git(['rev-parse', `HEAD:${file}`], dir).trim();
	const cache = {};
	const ops = await assertSafeTree({dir, oid: head, repository: 'acme/plan', cache});
	closePackReaders(cache);
	// Each folder before its entries; names in isomorphic-git's order, not git's (a-b, a.txt, a/).
	expect(ops).toEqual([
		['mkdir', 'a'],
		['create', 'a/inner.txt', oid('a/inner.txt'), 0o100644],
		['create', 'a-b', oid('a-b'), 0o100644],
		['create', 'a.txt', oid('a.txt'), 0o100644],
		['create', 'link', oid('link'), 0o120000],
		['create', 'run.sh', oid('run.sh'), 0o100755],
		['mkdir-index', 'sub', oid('sub'), 0o160000],
		['mkdir', 'z'],
		['mkdir', 'z/y'],
		['mkdir', 'z/y/x'],
		['create', 'z/y/x/deep.txt', oid('z/y/x/deep.txt'), 0o100644],
		['create', '\u00e9.txt', oid('\u00e9.txt'), 0o100644],
	] satisfies CheckoutOp[]);
});

test("a fresh clone checked out from the plan is the one isomorphic-git's analysis checks out", async () => {
	const planned = await cloneWithoutCheckout('planned');
	const analysed = await cloneWithoutCheckout('analysed');
	const analysing: number[] = [];
	const cache = {};
	try {
		await checkoutSafely(
			planned,
			'acme/plan',
			({phase, loaded}) => {
				if (phase === 'Analyzing workdir') analysing.push(loaded);
			},
			undefined,
			cache,
		);
	} finally {
		closePackReaders(cache);
	}

	await isomorphicGit.checkout({fs, dir: analysed, ref: 'main', nonBlocking: true, batchSize: 3});
	// Counted once, by the walk, as each folder is done (a, z/y/x, z/y, z, the root):
	// isomorphic-git's analysis would count again from 1 (and .git's files).
	expect(analysing).toEqual([2, 11, 11, 11, 12]);
	expect(git(['ls-files', '--stage'], planned)).toBe(git(['ls-files', '--stage'], analysed));
	expect(await listing(planned)).toEqual(await listing(analysed));
	expect((await stat(path.join(planned, 'sub'))).isDirectory()).toBe(true);
	for (const dir of [planned, analysed]) {
		expect(git(['status', '--porcelain'], dir)).toBe('');
		git(['fsck', '--strict', '--no-dangling'], dir);
	}
});

test('a work tree holding more than .git is analysed: a file in the way is a conflict, left as it was', async () => {
	const dir = await cloneWithoutCheckout('occupied');
	await writeFile(path.join(dir, 'a.txt'), 'mine\n');
	const cache = {};
	try {
		await expect(
			checkoutSafely(dir, 'acme/plan', () => {}, undefined, cache),
		).rejects.toMatchObject({code: 'CheckoutConflictError', data: {filepaths: ['a.txt']}});
	} finally {
		closePackReaders(cache);
	}

	expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('mine\n');
});
