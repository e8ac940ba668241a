import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/core/errors.js';
import {setLocalIdentity} from '../../source/git/identity.js';
import {createNativeGit, exists, type NativeGit} from './native-git.js';

let git: NativeGit;
let root: string;

beforeAll(async () => {
	git = await createNativeGit();
	root = await mkdtemp(path.join(tmpdir(), 'bbtok-identity-'));
});

afterAll(async () => {
	await rm(root, {recursive: true, force: true});
	await git.dispose();
});

async function freshRepository(name: string): Promise<string> {
	const dir = path.join(root, name);
	await git(['init', '-q', dir]);
	return dir;
}

describe('setLocalIdentity', () => {
	it('writes user.email and user.name to the clone only, and git commits with them', async () => {
		const dir = await freshRepository('both');
		await setLocalIdentity(dir, {email: '{1234-abcd}@bots.bitbucket.org', name: 'widget bot'});

		expect(await git(['config', '--local', 'user.email'], {cwd: dir})).toBe(
			'{1234-abcd}@bots.bitbucket.org',
		);
		expect(await git(['config', '--local', 'user.name'], {cwd: dir})).toBe('widget bot');
		expect(await exists(path.join(git.home, '.gitconfig'))).toBe(false);

		await git(['commit', '-q', '--allow-empty', '-m', 'first'], {cwd: dir});
		expect(await git(['log', '-1', '--format=%an <%ae>'], {cwd: dir})).toBe(
			'widget bot <{1234-abcd}@bots.bitbucket.org>',
		);
	});

	it('leaves user.name alone when none is given and keeps the rest of the config', async () => {
		const dir = await freshRepository('email-only');
		await git(['config', 'user.name', 'Existing Name'], {cwd: dir});
		const before = await readFile(path.join(dir, '.git', 'config'), 'utf8');

		await setLocalIdentity(dir, {email: 'bot@bots.bitbucket.org'});

		const after = await readFile(path.join(dir, '.git', 'config'), 'utf8');
		expect(after.startsWith(before.slice(0, before.indexOf('[user]')))).toBe(true);
		expect(await git(['config', '--local', 'user.name'], {cwd: dir})).toBe('Existing Name');
		expect(await git(['config', '--local', 'user.email'], {cwd: dir})).toBe(
			'bot@bots.bitbucket.org',
		);
	});

	it('refuses values that would break the config file, writing nothing', async () => {
		const dir = await freshRepository('refused');
		const before = await readFile(path.join(dir, '.git', 'config'), 'utf8');
		await expect(setLocalIdentity(dir, {email: 'a@b\n[core]\n\tbare = true'})).rejects.toThrow(
			UsageError,
		);
		await expect(setLocalIdentity(dir, {email: 'bot@x', name: ' '})).rejects.toThrow(UsageError);
		expect(await readFile(path.join(dir, '.git', 'config'), 'utf8')).toBe(before);
	});
});
