import {mkdir, realpath, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/core/errors.js';
import {findRepository, listRemotes} from '../../source/git/repository.js';
import {git, initRepository, tempDirs} from '../fix-remote/git-fixtures.js';

const temp = tempDirs();
let main: string;

beforeAll(async () => {
	main = await realpath(await temp.make());
	await initRepository(main);
	await mkdir(path.join(main, 'src', 'deep'), {recursive: true});
	await writeFile(path.join(main, 'src', 'file.ts'), '');
});
afterAll(() => temp.cleanup());

describe('findRepository', () => {
	it('finds the root from the root, a subfolder or a file inside', async () => {
		const expected = {
			root: main,
			gitDir: path.join(main, '.git'),
			commonDir: path.join(main, '.git'),
			configPath: path.join(main, '.git', 'config'),
		};
		expect(await findRepository(main)).toEqual(expected);
		expect(await findRepository(path.join(main, 'src', 'deep'))).toEqual(expected);
		expect(await findRepository(path.join(main, 'src', 'file.ts'))).toEqual(expected);
		expect(await findRepository(path.join(main, '.git', 'refs'))).toEqual(expected);
	});

	it('resolves a linked worktree to the main repository’s config', async () => {
		const worktree = path.join(await realpath(await temp.make()), 'wt');
		await git(main, ['worktree', 'add', '-q', worktree]);
		expect(await findRepository(path.join(worktree))).toEqual({
			root: worktree,
			gitDir: path.join(main, '.git', 'worktrees', 'wt'),
			commonDir: path.join(main, '.git'),
			configPath: path.join(main, '.git', 'config'),
		});
	});

	it('follows a .git file to a separate git dir, and accepts a bare repository', async () => {
		const base = await realpath(await temp.make());
		await git(base, ['init', '-q', '--separate-git-dir', path.join(base, 'store.git'), 'work']);
		expect((await findRepository(path.join(base, 'work'))).configPath).toBe(
			path.join(base, 'store.git', 'config'),
		);

		await git(base, ['init', '-q', '--bare', 'mirror.git']);
		expect(await findRepository(path.join(base, 'mirror.git', 'refs'))).toMatchObject({
			root: path.join(base, 'mirror.git'),
			configPath: path.join(base, 'mirror.git', 'config'),
		});
	});

	it('is a usage error outside any repository, naming the path', async () => {
		const outside = await temp.make();
		await expect(findRepository(outside)).rejects.toThrow(UsageError);
		await expect(findRepository(outside)).rejects.toThrow(
			`Not a git repository: no .git in ${outside} or any folder above it.`,
		);
		await expect(findRepository(path.join(outside, 'missing'))).rejects.toThrow(
			`${path.join(outside, 'missing')} does not exist.`,
		);
	});
});

describe('listRemotes', () => {
	it('lists remotes in file order with their push URLs, skipping URL-less ones', async () => {
		const dir = await temp.make();
		await initRepository(dir);
		await git(dir, ['remote', 'add', 'origin', 'git@bitbucket.org:acme/widget.git']);
		await git(dir, ['remote', 'add', 'my.fork', 'https://bitbucket.org/me/widget.git']);
		await git(dir, ['remote', 'set-url', '--push', 'my.fork', 'https://a.example/x.git']);
		await git(dir, ['config', '--add', 'remote.my.fork.pushurl', 'https://b.example/x.git']);
		await git(dir, ['config', 'remote.empty.fetch', '+refs/heads/*:refs/remotes/empty/*']);
		await git(dir, ['remote', 'add', 'we"ird', 'ssh://git@bitbucket.org/acme/widget.git']);
		expect(await listRemotes(await findRepository(dir))).toEqual([
			{name: 'origin', url: 'git@bitbucket.org:acme/widget.git', pushUrls: []},
			{
				name: 'my.fork',
				url: 'https://bitbucket.org/me/widget.git',
				pushUrls: ['https://a.example/x.git', 'https://b.example/x.git'],
			},
			{name: 'we"ird', url: 'ssh://git@bitbucket.org/acme/widget.git', pushUrls: []},
		]);
	});
});
