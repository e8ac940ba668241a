/**
 * The walk and the credential files on a real file system: the depth bound, links never
 * followed, and a credential file edited with every other byte kept (no final newline,
 * CRLF, a percent-encoded secret, a symlinked file).
 */
import {lstat, mkdir, readFile, stat, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {readCredentialFiles, removeCredentialLines} from '../../source/scan/credential-files.js';
import {walkRepositories} from '../../source/scan/walk.js';
import {tempDirs} from '../fix-remote/git-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());

async function fakeClone(dir: string) {
	await mkdir(path.join(dir, '.git'), {recursive: true});
	await writeFile(path.join(dir, '.git', 'config'), '[core]\n');
}

describe('walkRepositories', () => {
	it('finds clones down to depth 8 and no deeper, without following links', async () => {
		const root = await temp.make('bbtok-walk-');
		const eight = path.join(root, ...'abcdefgh'.split(''));
		const nine = path.join(eight, 'i');
		await fakeClone(eight);
		await fakeClone(nine);
		await symlink(eight, path.join(root, 'link'));
		await symlink(root, path.join(root, 'a', 'loop'));
		const {repositories, problems} = await walkRepositories(root);
		expect(repositories.map((found) => path.relative(root, found.root))).toEqual([
			'a/b/c/d/e/f/g/h',
		]);
		expect(problems).toEqual([]);
		expect((await walkRepositories(root, {maxDepth: 9})).repositories).toHaveLength(2);
	});

	it('reports a .git file without gitdir and carries on', async () => {
		const root = await temp.make('bbtok-walk-');
		await mkdir(path.join(root, 'odd'));
		await writeFile(path.join(root, 'odd', '.git'), 'not a pointer\n');
		await fakeClone(path.join(root, 'fine'));
		const {repositories, problems} = await walkRepositories(root);
		expect(repositories.map((found) => found.kind)).toEqual(['clone']);
		expect(problems).toEqual([
			{path: path.join(root, 'odd', '.git'), reason: 'a .git file without gitdir:'},
		]);
	});
});

describe('credential files', () => {
	const bitbucket = (host: string) => host === 'bitbucket.org';

	it('removes the dead lines only, keeping every other byte, the mode, and the link', async () => {
		const dir = await temp.make('bbtok-cred-');
		const real = path.join(dir, 'real-credentials');
		const text = [
			'https://jo:ATBBxx%2Fyy12345@bitbucket.org',
			'https://x-token-auth:ATCTT3xFfGN0keep=1@bitbucket.org\r',
			'https://ann:oldpassword@bitbucket.org/acme',
			'https://jo:ATBBgithubIsNotOurs1@github.com',
			'not a url at all',
			'https://ann:lastline@bitbucket.org',
		].join('\n');
		await writeFile(real, text, {mode: 0o600});
		const link = path.join(dir, '.git-credentials');
		await symlink(real, link);
		const {entries} = await readCredentialFiles([link], bitbucket);
		expect(entries.map((entry) => [entry.line, entry.mode, entry.verdict])).toEqual([
			[1, 'app-password', 'dead'],
			[2, 'embed', 'ok'],
			[3, 'user-password', 'dead'],
			[6, 'user-password', 'dead'],
		]);
		expect(JSON.stringify(entries)).not.toMatch(/ATBBxx|ATCTT|oldpassword|lastline/);
		const removed = await removeCredentialLines(link, new Set([1, 3, 6]));
		expect(removed).toBe(3);
		expect(await readFile(real, 'utf8')).toBe(
			'https://x-token-auth:ATCTT3xFfGN0keep=1@bitbucket.org\r\nhttps://jo:ATBBgithubIsNotOurs1@github.com\nnot a url at all\n',
		);
		expect((await stat(real)).mode & 0o777).toBe(0o600);
		expect((await lstat(link)).isSymbolicLink()).toBe(true);
	});

	it('never removes a line that is not dead, whatever line numbers it is given', async () => {
		const dir = await temp.make('bbtok-cred-');
		const file = path.join(dir, 'credentials');
		await writeFile(file, 'https://x-token-auth:ATCTT3xFfGN0keep=1@bitbucket.org\n');
		expect(await removeCredentialLines(file, new Set([1]))).toBe(0);
		expect(await readFile(file, 'utf8')).toBe(
			'https://x-token-auth:ATCTT3xFfGN0keep=1@bitbucket.org\n',
		);
	});
});
