/**
 * A bare repository of large files, built with the real git, for the checkout's streaming
 * path: an incompressible blob, a compressible one, an executable, a near copy of the
 * incompressible blob (git stores one of the two as a delta of the other, so HEAD has a
 * large delta), a symlink and small files, over two commits, repacked as a server holds it.
 */
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmod, mkdir, rm, symlink, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const isolatedGit = {
	...process.env,
	GIT_CONFIG_GLOBAL: os.devNull,
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_TERMINAL_PROMPT: '0',
	GIT_AUTHOR_NAME: 'Large Author',
	GIT_AUTHOR_EMAIL: 'large@example.invalid',
	GIT_COMMITTER_NAME: 'Large Author',
	GIT_COMMITTER_EMAIL: 'large@example.invalid',
};

export function git(args: string[], cwd?: string): string {
	const result = spawnSync('git', args, {cwd, env: isolatedGit, maxBuffer: 64 * 1024 * 1024});
	if (result.status !== 0) {
		throw new Error(`git ${args.join(' ')}: ${result.stderr.toString()}`);
	}

	return result.stdout.toString();
}

/** `bytes` of text that zlib shrinks several times over (numbered log lines). */
function compressible(bytes: number): Buffer {
	const lines: string[] = [];
	let length = 0;
	for (let index = 0; length < bytes; index++) {
		const text = `${index} checkout wrote ${index * 7919} bytes of asset-${index % 97}.bin\n`;
		lines.push(text);
		length += text.length;
	}

	return Buffer.from(lines.join('')).subarray(0, bytes);
}

export type LargeBlobRepository = {gitDir: string; files: Record<string, string>};

/** Files of HEAD, by role, as paths in the work tree. */
export const largeFiles = {
	incompressible: 'assets/noise.bin',
	nearCopy: 'assets/noise-copy.bin',
	compressible: 'logs/build.log',
	executable: 'bin/tool',
	symlink: 'latest.log',
} as const;

/** Builds the repository in `parent`; each large file is about `megabytes` MB. */
export async function createLargeBlobRepository(
	parent: string,
	name: string,
	megabytes: number,
): Promise<LargeBlobRepository> {
	const size = Math.round(megabytes * 1024 * 1024);
	const work = path.join(parent, `${name}-work`);
	await mkdir(path.join(work, 'assets'), {recursive: true});
	await mkdir(path.join(work, 'logs'));
	await mkdir(path.join(work, 'bin'));
	git(['init', '-q', '--initial-branch=main', work]);
	const noise = randomBytes(size);
	await writeFile(path.join(work, largeFiles.incompressible), noise);
	await writeFile(path.join(work, 'readme.md'), '# Large files\n');
	git(['add', '-A'], work);
	git(['commit', '-q', '-m', 'First assets'], work);

	// The second commit edits the blob in place and adds its near copy: a delta in HEAD.
	randomBytes(512).copy(noise, Math.floor(size / 3));
	await writeFile(path.join(work, largeFiles.incompressible), noise);
	randomBytes(64).copy(noise, Math.floor(size / 2));
	await writeFile(path.join(work, largeFiles.nearCopy), noise);
	await writeFile(path.join(work, largeFiles.compressible), compressible(size));
	await writeFile(
		path.join(work, largeFiles.executable),
		randomBytes(Math.max(size >> 2, 2 << 20)),
	);
	await chmod(path.join(work, largeFiles.executable), 0o755);
	await symlink(largeFiles.compressible, path.join(work, largeFiles.symlink));
	git(['add', '-A'], work);
	git(['commit', '-q', '-m', 'More assets'], work);

	const gitDir = path.join(parent, `${name}.git`);
	git(['clone', '-q', '--bare', '--no-local', work, gitDir]);
	git(['repack', '-a', '-d', '-f', '-q', '--window=10'], gitDir);
	git(['config', 'http.receivepack', 'false'], gitDir);
	await rm(work, {recursive: true, force: true});
	return {gitDir, files: largeFiles};
}

export type PackedEntry = {oid: string; type: string; size: number; offset: number; depth: number};

/** The entries of the repository's one pack, as `git verify-pack -v` lists them. */
export function packEntries(idxPath: string): PackedEntry[] {
	return git(['verify-pack', '-v', idxPath])
		.split('\n')
		.map((line) => line.split(/\s+/))
		.filter((fields) => /^[0-9a-f]{40}$/.test(fields[0] ?? '') && fields.length >= 5)
		.map(([oid, type, size, , offset, depth]) => ({
			oid: oid!,
			type: type!,
			size: Number(size),
			offset: Number(offset),
			depth: depth === undefined ? 0 : Number(depth),
		}));
}

/** A bare repository at `root/large.git` of one commit holding `files` (name → content). */
export async function bareRepositoryWith(
	root: string,
	files: Record<string, string | Uint8Array>,
): Promise<string> {
	const work = path.join(root, 'large-work');
	git(['init', '-q', '--initial-branch=main', work]);
	for (const [name, content] of Object.entries(files)) {
		await writeFile(path.join(work, name), content);
	}

	git(['add', '-A'], work);
	git(['commit', '-q', '-m', 'Large files'], work);
	const gitDir = path.join(root, 'large.git');
	git(['clone', '-q', '--bare', work, gitDir]);
	return gitDir;
}
