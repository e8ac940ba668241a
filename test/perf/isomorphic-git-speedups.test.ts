// The build-time speed-ups of isomorphic-git (source/build/isomorphic-git-speedups.js) must
// not change a single byte of what a clone writes: packs indexed by the patched code are
// compared with native git's own index, and clones are checked by git fsck and verify-pack.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import {
	patchedVersion,
	replacements,
	speedUpIsomorphicGit,
} from '../../source/build/isomorphic-git-speedups.js';
import {cloneRepository} from '../../source/git/clone.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {
	type GeneratedRepository,
	generateRepository,
	type RepositoryShape,
	sizes,
} from '../bench/generate-repo.js';
import {testDispatcher} from '../helpers/dispatcher.js';

const shapes = {
	/** One file edited 300 times, repacked with chains up to 250 deep (git's default stops at 50). */
	'long delta chains': {
		commits: 300,
		textFiles: 1,
		linesPerFile: 200,
		editsPerCommit: 1,
		binaryFiles: 0,
		binaryBytes: 0,
		binaryEditEvery: 1,
		deltaDepth: 250,
		seed: 7,
	},
	/** Binary files, two of them bigger than the delta-base cache keeps (8 MB). */
	'binary files': {
		commits: 40,
		textFiles: 4,
		linesPerFile: 20,
		editsPerCommit: 1,
		binaryFiles: 3,
		binaryBytes: 12 * 1024 * 1024,
		binaryEditEvery: 3,
		deltaDepth: 50,
		seed: 11,
	},
	'many files and trees': sizes.small,
} satisfies Record<string, RepositoryShape>;

const isolatedGit = {
	...process.env,
	GIT_CONFIG_GLOBAL: os.devNull,
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_TERMINAL_PROMPT: '0',
};

function runGit(args: string[], options: {cwd?: string; input?: Buffer} = {}): Buffer {
	const result = spawnSync('git', args, {
		cwd: options.cwd,
		input: options.input,
		env: isolatedGit,
		maxBuffer: 512 * 1024 * 1024,
	});
	if (result.status !== 0) {
		throw new Error(`git ${args.join(' ')}: ${result.stderr.toString()}`);
	}

	return result.stdout;
}

let scratch: string;
let sandbox: Sandbox;
const repositories = new Map<string, GeneratedRepository>();

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-perf-'));
	for (const [name, shape] of Object.entries(shapes)) {
		repositories.set(name, await generateRepository(shape, scratch));
	}

	sandbox = await startSandbox({
		extraRepositories: [...repositories].map(([name, {gitDir}]) => ({
			workspace: 'acme',
			slug: slugOf(name),
			gitDir,
		})),
	});
}, 120_000);

afterAll(async () => {
	await sandbox?.close();
	await rm(scratch, {recursive: true, force: true});
});

const slugOf = (name: string) => `perf-${name.replaceAll(' ', '-')}`;

describe('the rewrite of isomorphic-git', () => {
	test('applies to the installed isomorphic-git', async () => {
		const manifest = JSON.parse(
			await readFile(path.resolve('node_modules/isomorphic-git/package.json'), 'utf8'),
		) as {version: string};
		const source = await readFile(path.resolve('node_modules/isomorphic-git/index.cjs'), 'utf8');
		expect(manifest.version).toBe(patchedVersion);
		const patched = speedUpIsomorphicGit(source);
		for (const {to} of replacements) {
			expect(patched).toContain(to);
		}
	});

	test('refuses a module where a spot it rewrites is missing', () => {
		expect(() => speedUpIsomorphicGit('module.exports = {}')).toThrow(
			/no longer applies.*occurs nowhere/,
		);
	});

	test('is what the tests run: no object is hashed through WebCrypto', async () => {
		const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
		const oid = await git.hashBlob({object: 'hello\n'});
		expect(oid.oid).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
		expect(digest).not.toHaveBeenCalled();
		digest.mockRestore();
	});
});

describe.each(Object.keys(shapes))('a pack of %s', (name) => {
	/** Indexes `pack` with isomorphic-git in a fresh repository and returns that directory. */
	async function indexWithIsomorphicGit(pack: Buffer): Promise<{dir: string; idx: Buffer}> {
		const dir = await mkdtemp(path.join(scratch, 'index-'));
		runGit(['init', '-q', '--bare', dir]);
		const packPath = path.join(dir, 'objects', 'pack', 'pack-test.pack');
		await fs.promises.writeFile(packPath, pack);
		await git.indexPack({fs, dir, gitdir: dir, filepath: path.relative(dir, packPath)});
		return {dir, idx: await readFile(packPath.replace(/\.pack$/, '.idx'))};
	}

	test('with offset deltas (as a clone receives) gets the same .idx as git index-pack', async () => {
		const {gitDir} = repositories.get(name)!;
		const packDir = path.join(gitDir, 'objects', 'pack');
		const [packName] = (await readdir(packDir)).filter((file) => file.endsWith('.pack'));
		const pack = await readFile(path.join(packDir, packName!));
		const {dir, idx} = await indexWithIsomorphicGit(pack);
		expect(
			idx.equals(await readFile(path.join(packDir, packName!.replace(/\.pack$/, '.idx')))),
		).toBe(true);
		runGit(['verify-pack', path.join(dir, 'objects', 'pack', 'pack-test.idx')]);
	});

	test('with reference deltas gets the same .idx as git index-pack', async () => {
		const {gitDir} = repositories.get(name)!;
		const objects = runGit(['--git-dir', gitDir, 'rev-list', '--objects', '--all']);
		// Without --delta-base-offset, pack-objects names every delta base by its object id.
		const pack = runGit(['--git-dir', gitDir, 'pack-objects', '--stdout'], {input: objects});
		const {dir, idx} = await indexWithIsomorphicGit(pack);
		const nativeIdx = path.join(scratch, `${slugOf(name)}-ref.idx`);
		runGit(['index-pack', '-o', nativeIdx, path.join(dir, 'objects', 'pack', 'pack-test.pack')]);
		expect(idx.equals(await readFile(nativeIdx))).toBe(true);
	});
});

describe.each([
	['full', undefined],
	['shallow', 1],
] as const)('a %s clone by bbtok-tui', (_kind, depth) => {
	test.each(Object.keys(shapes))(
		'of %s passes git fsck and has the server HEAD tree',
		async (name) => {
			const {gitDir} = repositories.get(name)!;
			const dir = path.join(scratch, `clone-${slugOf(name)}-${depth ?? 'full'}`);
			await cloneRepository({
				dispatcher: testDispatcher,
				dir,
				gitUrl: sandbox.gitUrl,
				ref: {workspace: 'acme', repo: slugOf(name)},
				token: sandbox.tokens.workspaceRead,
				auth: 'prompt',
				...(depth === undefined ? {} : {depth}),
			});
			runGit(['fsck', '--full', '--strict', '--no-dangling'], {cwd: dir});
			const packDir = path.join(dir, '.git', 'objects', 'pack');
			for (const file of (await readdir(packDir)).filter((entry) => entry.endsWith('.idx'))) {
				runGit(['verify-pack', '-v', path.join(packDir, file)]);
			}

			const tree = (args: string[]) => runGit(args).toString().trim();
			expect(tree(['-C', dir, 'rev-parse', 'HEAD^{tree}'])).toBe(
				tree(['--git-dir', gitDir, 'rev-parse', 'HEAD^{tree}']),
			);
			// The checked-out files are exactly the HEAD tree.
			expect(tree(['-C', dir, 'status', '--porcelain'])).toBe('');
			await rm(dir, {recursive: true, force: true});
		},
	);
});
