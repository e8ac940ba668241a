// The dependency patches (source/build/patches.js): each applies to the exact version that
// package.json pins, a different installed version fails with a clear message, and each
// rewritten spot of isomorphic-git runs here, so an upstream rename fails this test rather
// than a user's clone.

import fs from 'node:fs';
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import {applyPatch, checkVersion, patches, patchFile} from '../../source/build/patches.js';
import {cloneRepository} from '../../source/git/clone.js';
import {closePackReaders} from '../../source/git/pack/index.js';
import {type CheckoutPlan, checkoutPlanKey} from '../../source/git/safe-paths.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {testDispatcher} from '../helpers/dispatcher.js';
import {git as nativeGit} from '../helpers/large-blob-repo.js';

const manifest = JSON.parse(await readFile('package.json', 'utf8')) as {
	devDependencies: Record<string, string>;
};

let scratch: string;
let sandbox: Sandbox;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-patches-'));
	sandbox = await startSandbox({env: process.env});
});

afterAll(async () => {
	await sandbox?.close();
	await rm(scratch, {recursive: true, force: true});
});

describe.each(patches.map((patch) => [patch.name, patch] as const))(
	'the %s patch',
	(_name, patch) => {
		test('is written for the version package.json pins, exactly', () => {
			expect(manifest.devDependencies[patch.package]).toBe(patch.version);
		});

		test('applies to the installed package, each replacement once', async () => {
			const packageDir = path.resolve('node_modules', patch.package);
			const [file] = (await readdir(packageDir, {recursive: true}))
				.map((entry) => path.join(packageDir, entry))
				.filter((entry) => patch.file.test(entry));
			const source = await readFile(file!, 'utf8');
			const patched = patchFile(file!, source);
			for (const {to} of patch.replacements) {
				expect(patched).toContain(to);
			}

			expect(() => applyPatch(patch, patched!)).toThrow(/no longer applies.*occurs nowhere/);
		});

		test('refuses another installed version, naming both', async () => {
			const packageDir = path.join(scratch, 'node_modules', patch.package);
			await mkdir(packageDir, {recursive: true});
			await writeFile(path.join(packageDir, 'package.json'), '{"version": "99.0.0"}');
			expect(() => checkVersion(patch, path.join(packageDir, 'index.js'))).toThrow(
				`${patch.package} 99.0.0 is installed, but ${patch.source} is written for ${patch.package} ${patch.version}`,
			);
		});
	},
);

test('a file no patch covers is left alone', () => {
	expect(patchFile(path.resolve('node_modules/react/index.js'), 'x')).toBeUndefined();
});

describe('the isomorphic-git patch, run', () => {
	test('hashes objects with Node crypto, not WebCrypto', async () => {
		const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
		const {oid} = await git.hashBlob({object: 'hello\n'});
		expect(oid).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
		expect(digest).not.toHaveBeenCalled();
		digest.mockRestore();
	});

	test('stores the fetched pack through source/git/pack and reads objects from it by offset', async () => {
		const dir = path.join(scratch, 'clone');
		const {head} = await cloneRepository({
			dispatcher: testDispatcher,
			dir,
			gitUrl: sandbox.gitUrl,
			ref: {workspace: 'acme', repo: 'widget'},
			token: sandbox.tokens.workspaceRead,
			auth: 'prompt',
		});
		const packDir = path.join(dir, '.git', 'objects', 'pack');
		const files = await readdir(packDir);
		expect(files.map((file) => path.extname(file)).sort()).toEqual(['.idx', '.pack']);
		// storePack writes read-only files, as git does; isomorphic-git's own fetch wrote 0644.
		for (const file of files) {
			expect((await stat(path.join(packDir, file))).mode & 0o777).toBe(0o444);
		}

		const cache: Record<symbol, unknown> = {};
		const {commit} = await git.readCommit({fs, dir, oid: head, cache});
		expect(commit.tree).toMatch(/^[0-9a-f]{40}$/);
		expect(cache[Symbol.for('bbtok-tui.packReaders')]).toBeInstanceOf(Map);
		closePackReaders(cache);
	});

	test("checks out the plan its cache holds for the commit (once), instead of isomorphic-git's analysis", async () => {
		const source = path.join(scratch, 'plan-source');
		nativeGit(['init', '-q', '--initial-branch=main', source]);
		await writeFile(path.join(source, 'planned'), 'planned\n');
		await writeFile(path.join(source, 'unplanned'), 'unplanned\n');
		nativeGit(['add', '-A'], source);
		nativeGit(['commit', '-q', '-m', 'Two files'], source);
		const head = nativeGit(['rev-parse', 'HEAD'], source).trim();
		const ops: CheckoutPlan['ops'] = [
			['create', 'planned', nativeGit(['rev-parse', 'HEAD:planned'], source).trim(), 0o100644],
		];
		const checkout = async (name: string, plan: CheckoutPlan) => {
			const dir = path.join(scratch, name);
			nativeGit(['clone', '-q', '--no-checkout', '--no-local', source, dir]);
			const cache: Record<symbol, unknown> = {[checkoutPlanKey]: plan};
			await git.checkout({fs, dir, ref: 'main', cache});
			closePackReaders(cache);
			expect(cache[checkoutPlanKey]).toBeUndefined();
			return (await readdir(dir)).sort();
		};

		expect(await checkout('from-plan', {oid: head, ops})).toEqual(['.git', 'planned']);
		// A plan made for another commit is dropped unread.
		expect(await checkout('analysed', {oid: '0'.repeat(40), ops})).toEqual([
			'.git',
			'planned',
			'unplanned',
		]);
	});
});
