// Clones in bounded memory (source/git/pack/) must not change a single byte of what a clone
// writes: packs stored by it are compared with native git's own index, every object read
// back must hash to its id, and clones of each shape are checked by git fsck and verify-pack.
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cloneRepository} from '../../source/git/clone.js';
import {closePackReaders, readPackedObject, storePack} from '../../source/git/pack/index.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {
	type GeneratedRepository,
	generateRepository,
	type RepositoryShape,
	sizes,
} from '../bench/generate-repo.js';
import {testDispatcher} from '../helpers/dispatcher.js';
import {createLargeBlobRepository, largeFiles, packEntries} from '../helpers/large-blob-repo.js';

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
	/** The benchmark's real shape, small: thousands of small trees and blobs over deep paths. */
	'a real history': {...sizes.real, commits: 400, textFiles: 300, linesPerFile: 60},
} satisfies Record<string, RepositoryShape>;

/** Files above the size checkout streams (incompressible, compressible, executable, a delta). */
const largeFilesShape = 'large files';
const names = [...Object.keys(shapes), largeFilesShape];

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
const repositories = new Map<string, Pick<GeneratedRepository, 'gitDir'>>();

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-perf-'));
	for (const [name, shape] of Object.entries(shapes)) {
		repositories.set(name, await generateRepository(shape, scratch));
	}

	repositories.set(largeFilesShape, await createLargeBlobRepository(scratch, 'large-files', 3));

	sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [...repositories].map(([name, {gitDir}]) => ({
			workspace: 'acme',
			slug: slugOf(name),
			gitDir,
		})),
	});
}, 300_000);

afterAll(async () => {
	await sandbox?.close();
	await rm(scratch, {recursive: true, force: true});
});

const slugOf = (name: string) => `perf-${name.replaceAll(' ', '-')}`;

/** Feeds `pack` to storePack in chunks of varying sizes, as a network delivers it. */
async function* chunked(pack: Buffer, seed: number): AsyncGenerator<Uint8Array> {
	let state = seed;
	for (let at = 0; at < pack.length; ) {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		const size = 1 + (state % 70_000);
		yield pack.subarray(at, at + size);
		at += size;
	}
}

async function bareRepository(): Promise<string> {
	const dir = await mkdtemp(path.join(scratch, 'store-'));
	runGit(['init', '-q', '--bare', dir]);
	return dir;
}

async function serverPack(name: string): Promise<{pack: Buffer; idx: Buffer}> {
	const packDir = path.join(repositories.get(name)!.gitDir, 'objects', 'pack');
	const [packName] = (await readdir(packDir)).filter((file) => file.endsWith('.pack'));
	const packPath = path.join(packDir, packName!);
	return {pack: await readFile(packPath), idx: await readFile(packPath.replace(/\.pack$/, '.idx'))};
}

describe.each(names)('a pack of %s', (name) => {
	test('with offset deltas (as a clone receives), streamed in pieces, gets the .idx git index-pack writes', async () => {
		const {pack, idx} = await serverPack(name);
		const dir = await bareRepository();
		const phases = new Set<string>();
		const cache = {};
		const stored = await storePack(chunked(pack, pack.length), {
			gitdir: dir,
			cache,
			onProgress: ({phase}) => {
				phases.add(phase);
			},
		});
		closePackReaders(cache);
		// Buffer.equals: vitest's deep equality walks a 40 MB buffer key by key.
		expect((await readFile(path.join(dir, stored!.replace(/\.pack$/, '.idx')))).equals(idx)).toBe(
			true,
		);
		expect((await readFile(path.join(dir, stored!))).equals(pack)).toBe(true);
		expect([...phases]).toEqual(['Receiving objects', 'Resolving deltas']);
		runGit(['verify-pack', path.join(dir, stored!.replace(/\.pack$/, '.idx'))]);
		expect(await readdir(path.join(dir, 'objects', 'pack'))).toHaveLength(2);
	});

	test('with reference deltas gets the .idx git index-pack writes', async () => {
		const {gitDir} = repositories.get(name)!;
		const objects = runGit(['--git-dir', gitDir, 'rev-list', '--objects', '--all']);
		// Without --delta-base-offset, pack-objects names every delta base by its object id.
		const pack = runGit(['--git-dir', gitDir, 'pack-objects', '--stdout'], {input: objects});
		const dir = await bareRepository();
		const cache = {};
		const stored = await storePack(chunked(pack, 7), {gitdir: dir, cache});
		closePackReaders(cache);
		const nativeIdx = path.join(scratch, `${slugOf(name)}-ref.idx`);
		runGit(['index-pack', '-o', nativeIdx, path.join(dir, stored!)]);
		const idx = await readFile(path.join(dir, stored!.replace(/\.pack$/, '.idx')));
		expect(idx.equals(await readFile(nativeIdx))).toBe(true);
	});

	test('reads back every object by offset, each hashing to its id', async () => {
		const {gitDir} = repositories.get(name)!;
		const cache = {};
		const oids = runGit([
			'--git-dir',
			gitDir,
			'cat-file',
			'--batch-all-objects',
			'--batch-check=%(objectname) %(objecttype)',
		])
			.toString()
			.trim()
			.split('\n');
		try {
			for (const line of oids) {
				const [oid, type] = line.split(' ');
				const object = await readPackedObject({cache, gitdir: gitDir, oid: oid!});
				expect(object?.type).toBe(type);
				const hash = createHash('sha1')
					.update(`${type} ${object!.object.length}\0`)
					.update(object!.object)
					.digest('hex');
				if (hash !== oid) expect(hash).toBe(oid);
			}

			expect(await readPackedObject({cache, gitdir: gitDir, oid: '0'.repeat(40)})).toBeNull();
		} finally {
			closePackReaders(cache);
		}
	});
});

test('the pack of large files holds large blobs stored whole and one stored as a delta', async () => {
	const {gitDir} = repositories.get(largeFilesShape)!;
	const packDir = path.join(gitDir, 'objects', 'pack');
	const [idx] = (await readdir(packDir)).filter((file) => file.endsWith('.idx'));
	const entries = new Map(packEntries(path.join(packDir, idx!)).map((entry) => [entry.oid, entry]));
	const depthOf = (file: string) =>
		entries.get(
			runGit(['--git-dir', gitDir, 'rev-parse', `HEAD:${file}`])
				.toString()
				.trim(),
		)!.depth;
	const copies = [depthOf(largeFiles.incompressible), depthOf(largeFiles.nearCopy)];
	expect(copies.filter((depth) => depth > 0)).toHaveLength(1);
	expect(depthOf(largeFiles.compressible)).toBe(0);
	expect(depthOf(largeFiles.executable)).toBe(0);
	expect(
		runGit(['--git-dir', gitDir, 'ls-tree', 'HEAD', largeFiles.executable]).toString(),
	).toMatch(/^100755 /);
});

describe('a pack that is cut short or damaged', () => {
	test.each([
		['cut after its header', (pack: Buffer) => pack.subarray(0, 12), /ended early/],
		[
			'cut in an entry',
			(pack: Buffer) => pack.subarray(0, Math.floor(pack.length / 2)),
			/ended early/,
		],
		['without its trailer', (pack: Buffer) => pack.subarray(0, pack.length - 20), /ended early/],
		['with a flipped byte', (pack: Buffer) => flip(pack, pack.length - 30), /corrupt|inflate/],
		[
			'with bytes after the trailer',
			(pack: Buffer) => Buffer.concat([pack, Buffer.from('x')]),
			/after its last object/,
		],
		['that is no pack', () => Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), /not send a pack/],
	])('%s is refused as garbled, leaving no file', async (_name, damage, message) => {
		const {pack} = await serverPack('many files and trees');
		const dir = await bareRepository();
		const refusal = await storePack(chunked(damage(pack), 3), {gitdir: dir, cache: {}}).catch(
			(error) => error,
		);
		expect(refusal).toBeInstanceOf(Error);
		expect(refusal.message).toMatch(message);
		expect(refusal.code).toBe('ParseError');
		expect(await readdir(path.join(dir, 'objects', 'pack'))).toEqual([]);
	});
});

function flip(pack: Buffer, at: number): Buffer {
	const copy = Buffer.from(pack);
	copy[at]! ^= 0xff;
	return copy;
}

describe.each([
	['full', undefined],
	['shallow', 1],
] as const)('a %s clone by bbtok-tui', (_kind, depth) => {
	test.each(names)('of %s passes git fsck and has the server HEAD tree', async (name) => {
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
	});
});
