/**
 * A fresh clone's work tree written by checkout workers (source/git/pack/work-tree.ts): the
 * same files, modes, symlinks, submodule folders and index as native git's checkout of the
 * same commit; a failure in any writer, or an interrupt, stops every writer and is thrown
 * as one error.
 */
import {spawnSync} from 'node:child_process';
import {readdirSync, readlinkSync, statSync} from 'node:fs';
import {chmod, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {closePackReaders, storePack, writeWorkTree} from '../../source/git/pack/index.js';
import {sharedState, turnsWithoutBlocking} from '../../source/git/pack/work-tree-shared.js';
import {checkoutSafely, UnsafeRepositoryError, unsafeOrSame} from '../../source/git/safe-paths.js';
import {git} from '../helpers/large-blob-repo.js';

let scratch: string;
let server: string;
/** Over work-tree.ts's inlineBelow, so that workers write beside the main thread. */
const fileCount = 600;

beforeAll(async () => {
	scratch = await mkdtemp(path.join(os.tmpdir(), 'bbtok-work-tree-'));
	const work = path.join(scratch, 'work');
	git(['init', '-q', '--initial-branch=main', work]);
	for (let index = 0; index < fileCount; index++) {
		const folder = path.join(work, `src/m${index % 7}/p${index % 13}`);
		await mkdir(folder, {recursive: true});
		// Some files share content (one blob, several paths); some are larger than a read window.
		const size = index % 50 === 0 ? 200_000 : 40 + (index % 300);
		await writeFile(path.join(folder, `f${index}.txt`), `${index % 97}\n`.repeat(size / 3));
	}

	await mkdir(path.join(work, 'bin'));
	await writeFile(path.join(work, 'bin/run'), '#!/bin/sh\necho run\n');
	await chmod(path.join(work, 'bin/run'), 0o755);
	await symlink('../src/m0/p0/f0.txt', path.join(work, 'bin/first'));
	git(['add', '-A'], work);
	// A submodule: a gitlink in the tree, checked out as an empty folder.
	git(['update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},vendor/lib`], work);
	git(['commit', '-q', '-m', 'Many files'], work);
	// A second commit stores earlier versions as deltas of HEAD's, as a server's pack does.
	await writeFile(path.join(work, 'src/m0/p0/f0.txt'), 'changed\n'.repeat(100));
	git(['commit', '-q', '-am', 'Change'], work);
	server = path.join(scratch, 'server.git');
	git(['clone', '-q', '--bare', '--no-local', work, server]);
	git(['repack', '-a', '-d', '-f', '-q'], server);
});

afterAll(async () => {
	await rm(scratch, {recursive: true, force: true});
});

/** A clone of the server without checkout: its objects in one pack, as after our fetch. */
function bareClone(name: string): string {
	const dir = path.join(scratch, name);
	git(['clone', '-q', '--no-checkout', '--no-local', server, dir]);
	return dir;
}

/** Every path under `dir` but .git, with its type and permission bits, and a symlink's target. */
function listing(dir: string): string[] {
	const lines: string[] = [];
	const walk = (relative: string) => {
		for (const name of readdirSync(path.join(dir, relative)).sort()) {
			if (relative === '' && name === '.git') continue;
			const entry = path.join(relative, name);
			const stats = statSync(path.join(dir, entry), {throwIfNoEntry: false});
			const link = (() => {
				try {
					return ` -> ${readlinkSync(path.join(dir, entry))}`;
				} catch {
					return '';
				}
			})();
			lines.push(`${entry} ${(stats?.mode ?? 0).toString(8)}${link}`);
			if (stats?.isDirectory() && !link) walk(entry);
		}
	};

	walk('');
	return lines;
}

test('writes what native git checks out: files, modes, a symlink, a submodule folder, the index', async () => {
	const native = path.join(scratch, 'native');
	git(['clone', '-q', '--no-local', server, native]);
	const ours = bareClone('ours');
	const cache = {};
	await checkoutSafely(ours, 'acme/many', () => undefined, undefined, cache);
	closePackReaders(cache);

	expect(listing(ours)).toEqual(listing(native));
	expect(listing(ours).length).toBeGreaterThan(fileCount);
	const diff = spawnSync('diff', ['-r', '--no-dereference', '--exclude=.git', native, ours]);
	expect(diff.stdout.toString()).toBe('');
	expect(diff.status).toBe(0);
	expect(git(['ls-files', '-s'], ours)).toBe(git(['ls-files', '-s'], native));
	expect(git(['status', '--porcelain'], ours)).toBe('');
});

test('reads the pack through the index its indexing built: neither the tree walk nor any writer reads the .idx back', async () => {
	const native = path.join(scratch, 'native-handover');
	git(['clone', '-q', '--no-local', server, native]);
	const ours = bareClone('handover');
	const packDir = path.join(ours, '.git', 'objects', 'pack');
	const [packName] = (await readdir(packDir)).filter((name) => name.endsWith('.pack'));
	const pack = await readFile(path.join(packDir, packName!));
	for (const file of await readdir(packDir)) await rm(path.join(packDir, file));
	const cache = {};
	async function* arriving(): AsyncGenerator<Uint8Array> {
		for (let at = 0; at < pack.length; at += 64 * 1024) yield pack.subarray(at, at + 64 * 1024);
	}

	const stored = await storePack(arriving(), {gitdir: path.join(ours, '.git'), cache});
	// The .idx on disk made unreadable: whoever reads it fails the checkout.
	const idxPath = path.join(ours, '.git', stored!.replace(/\.pack$/, '.idx'));
	const idxBytes = (await readFile(idxPath)).length;
	await rm(idxPath);
	await writeFile(idxPath, Buffer.alloc(idxBytes));

	await checkoutSafely(ours, 'acme/many', () => undefined, undefined, cache);
	closePackReaders(cache);
	const diff = spawnSync('diff', ['-r', '--no-dereference', '--exclude=.git', native, ours]);
	expect(diff.stdout.toString()).toBe('');
	expect(diff.status).toBe(0);
	expect(listing(ours).length).toBeGreaterThan(fileCount);
});

describe('a checkout that cannot finish', () => {
	test('stops every writer at a blob missing from the pack, with one error', async () => {
		const dir = bareClone('missing');
		const missing = git(['rev-parse', `HEAD:src/m${300 % 7}/p${300 % 13}/f300.txt`], dir).trim();
		// The pack again without that blob: the trees still list it.
		const objects = git(['rev-list', '--objects', '--all'], dir)
			.split('\n')
			.filter((line) => line && !line.startsWith(missing))
			.join('\n');
		const packDir = path.join(dir, '.git', 'objects', 'pack');
		const old = await readdir(packDir);
		const repacked = spawnSync('git', ['pack-objects', '-q', path.join(packDir, 'pack')], {
			cwd: dir,
			input: `${objects}\n`,
		});
		expect(repacked.status).toBe(0);
		for (const file of old) await rm(path.join(packDir, file));

		const failure = await checkoutSafely(dir, 'acme/many', () => undefined, undefined, {}).catch(
			(error: unknown) => error,
		);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toBe(
			`The clone's pack lacks object ${missing}, which its tree lists.`,
		);
		expect((failure as {code?: string}).code).toBe('ParseError');
	});

	test('refuses for safety a folder whose name the filesystem already gives to another entry', async () => {
		// What a case-insensitive filesystem does to a file "A" and a folder "a": the folder's
		// name is taken when it is made. Here the same name, after many files (the workers').
		const dir = bareClone('taken');
		const blob = git(['rev-parse', 'HEAD:bin/run'], dir).trim();
		const ops: [string, string, string?, number?][] = [
			...Array.from({length: fileCount}, (_, index): [string, string, string, number] => [
				'create',
				`f${index}`,
				blob,
				0o100644,
			]),
			['create', 'taken', blob, 0o100644],
			['mkdir', 'taken'],
		];
		const failure = await writeWorkTree({
			dir,
			gitdir: path.join(dir, '.git'),
			ops,
			cache: {},
		}).catch((error: unknown) => error);
		const refusal = unsafeOrSame(failure, 'acme/many');
		expect(refusal).toBeInstanceOf(UnsafeRepositoryError);
		expect((refusal as Error).message).toBe(
			'Refused to clone acme/many for safety: the path "taken" is a folder whose name this filesystem gives to another entry; nothing was written.',
		);
	});

	test('stops every writer when the progress callback throws (an interrupt), and throws that', async () => {
		const dir = bareClone('interrupted');
		const interrupt = new Error('interrupted');
		let calls = 0;
		const failure = await checkoutSafely(
			dir,
			'acme/many',
			({phase}) => {
				if (phase === 'Updating workdir' && ++calls === 2) throw interrupt;
			},
			undefined,
			{},
		).catch((error: unknown) => error);
		expect(failure).toBe(interrupt);
		const written = git(['ls-files', '--others'], dir).split('\n').filter(Boolean);
		// One batch (32 entries) per writer at most after the one that saw the interrupt.
		expect(written.length).toBeGreaterThan(0);
		expect(written.length).toBeLessThan(fileCount / 2);
	});
});

test('large deltas take turns: no two writes overlap, whoever asks', async () => {
	const shared = sharedState();
	const log: string[] = [];
	const write = (name: string) => async () => {
		log.push(`${name}+`);
		await new Promise((resolve) => setTimeout(resolve, 20));
		log.push(`${name}-`);
	};

	await Promise.all(['a', 'b', 'c'].map((name) => turnsWithoutBlocking(shared, write(name))));
	expect(log).toHaveLength(6);
	for (let at = 0; at < log.length; at += 2) {
		expect(log[at + 1]).toBe(log[at]!.replace('+', '-'));
	}
});
