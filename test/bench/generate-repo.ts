/**
 * Generates deterministic bare repositories of a realistic shape for the clone benchmark
 * and the pack tests: many commits of small edits to text files (so the pack holds long
 * delta chains), nested directories, and binary files edited in place. History is streamed
 * into `git fast-import`, then repacked by git as a server would hold it, and cached by
 * its parameters so a repository is built once per machine.
 */
import {spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdir, readdir, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Writable} from 'node:stream';

export type RepositoryShape = {
	commits: number;
	textFiles: number;
	/** Average lines of a text file at creation (lines are ~60 characters). */
	linesPerFile: number;
	/** Files edited by each commit. */
	editsPerCommit: number;
	binaryFiles: number;
	binaryBytes: number;
	/** Every n-th commit also edits a binary file in place. */
	binaryEditEvery: number;
	/** Maximum delta chain length when repacking (git's default is 50). */
	deltaDepth: number;
	/** Directory levels under src/ (module-x/part-y/... ); more levels, more trees per commit. */
	depth?: number;
	seed: number;
};

export const sizes = {
	/** ~2 MB pack: quick runs. */
	small: {
		commits: 400,
		textFiles: 300,
		linesPerFile: 80,
		editsPerCommit: 3,
		binaryFiles: 4,
		binaryBytes: 48 * 1024,
		binaryEditEvery: 20,
		deltaDepth: 50,
		seed: 1,
	},
	/** ~12 MB pack. */
	medium: {
		commits: 1000,
		textFiles: 1000,
		linesPerFile: 300,
		editsPerCommit: 4,
		binaryFiles: 20,
		binaryBytes: 300 * 1024,
		binaryEditEvery: 15,
		deltaDepth: 50,
		seed: 1,
	},
	/** A real history's shape: ~50,000 small objects (trees, small blobs, thousands of commits), ~15 MB. */
	real: {
		commits: 3000,
		textFiles: 2500,
		linesPerFile: 320,
		editsPerCommit: 2,
		binaryFiles: 0,
		binaryBytes: 0,
		binaryEditEvery: 1,
		deltaDepth: 50,
		depth: 4,
		seed: 3,
	},
	/**
	 * Many small objects (~350,000 in ~80 MB): a long history of small edits in a deep tree, where
	 * the per-object cost of indexing and resolving shows rather than the bytes.
	 */
	many: {
		commits: 24000,
		textFiles: 5000,
		linesPerFile: 160,
		editsPerCommit: 2,
		binaryFiles: 0,
		binaryBytes: 0,
		binaryEditEvery: 1,
		deltaDepth: 50,
		depth: 4,
		seed: 7,
	},
	/** A large pack (~400 MB): a history of text plus big incompressible assets, a few edited. */
	large: {
		commits: 400,
		textFiles: 400,
		linesPerFile: 100,
		editsPerCommit: 3,
		binaryFiles: 24,
		binaryBytes: 16 * 1024 * 1024,
		binaryEditEvery: 150,
		deltaDepth: 50,
		seed: 5,
	},
	/** ~50 MB pack, ~50,000 objects. */
	default: {
		commits: 3000,
		textFiles: 3000,
		linesPerFile: 400,
		editsPerCommit: 4,
		binaryFiles: 66,
		binaryBytes: 400 * 1024,
		binaryEditEvery: 15,
		deltaDepth: 50,
		seed: 1,
	},
} satisfies Record<string, RepositoryShape>;

export type SizeName = keyof typeof sizes;

export type GeneratedRepository = {gitDir: string; packBytes: number; objects: number};

/** xorshift32: the same history on every machine and Node version. */
function createRandom(seed: number) {
	let state = seed >>> 0 || 1;
	const next = () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state;
	};
	return {below: (n: number) => next() % n, bytes: (n: number) => fillBytes(n, next)};
}

/** `module-a/part-b[/level-c…]`: the first two levels as before, deeper ones only when asked. */
function directoryOf(index: number, depth: number): string {
	const levels = [`module-${index % 23}`, `part-${index % 7}`];
	for (let level = 2; level < depth; level++) {
		levels.push(`level${level}-${Math.floor(index / 7 ** level) % 5}`);
	}

	return levels.join('/');
}

function fillBytes(count: number, next: () => number): Buffer {
	const buffer = Buffer.alloc(count);
	for (let index = 0; index < count; index += 4) {
		buffer.writeUInt32LE(next(), Math.min(index, count - 4));
	}

	return buffer;
}

const words =
	'const return value index buffer object commit delta stream parse token branch remote clone fetch push tree blob merge config state error result options client server request response header offset length chunk cache'.split(
		' ',
	);

function line(random: ReturnType<typeof createRandom>): string {
	const parts: string[] = [];
	let length = 0;
	const target = 30 + random.below(60);
	while (length < target) {
		const word = words[random.below(words.length)]!;
		parts.push(word);
		length += word.length + 1;
	}

	return `${'\t'.repeat(random.below(4))}${parts.join(' ')}`;
}

/** Streams the whole history as fast-import commands. */
async function writeHistory(shape: RepositoryShape, input: Writable): Promise<void> {
	const random = createRandom(shape.seed);
	const write = (chunk: string | Buffer) =>
		input.write(chunk) ? Promise.resolve() : new Promise((done) => input.once('drain', done));
	const data = async (content: string | Buffer) => {
		const bytes = typeof content === 'string' ? Buffer.from(content) : content;
		await write(`data ${bytes.length}\n`);
		await write(bytes);
		await write('\n');
	};

	const texts = Array.from({length: shape.textFiles}, (_, index) => ({
		path: `src/${directoryOf(index, shape.depth ?? 2)}/file-${index}.ts`,
		lines: Array.from({length: shape.linesPerFile / 2 + random.below(shape.linesPerFile)}, () =>
			line(random),
		),
		created: false,
	}));
	const binaries = Array.from({length: shape.binaryFiles}, (_, index) => ({
		path: `assets/image-${index}.bin`,
		bytes: random.bytes(shape.binaryBytes / 2 + random.below(shape.binaryBytes)),
	}));

	// The first commit holds a tenth of the files; the others appear over time.
	const initial = Math.max(1, Math.floor(shape.textFiles / 10));
	let created = 0;
	for (let commit = 0; commit < shape.commits; commit++) {
		const time = 1_600_000_000 + commit * 3600;
		const message = `Change ${commit}: ${line(random)}`;
		await write(
			`commit refs/heads/main\nmark :${commit + 1}\nauthor Bench Author <bench@example.invalid> ${time} +0000\ncommitter Bench Author <bench@example.invalid> ${time} +0000\n`,
		);
		await data(message);
		if (commit > 0) {
			await write(`from :${commit}\n`);
		}

		const touched = new Set<number>();
		const due =
			commit === 0 ? initial : Math.ceil(((shape.textFiles - initial) * 2) / shape.commits);
		for (let index = 0; index < due && created < shape.textFiles; index++) {
			texts[created]!.created = true;
			touched.add(created++);
		}

		for (let edit = 0; edit < shape.editsPerCommit && created > 0; edit++) {
			const index = random.below(created);
			const file = texts[index]!;
			const at = random.below(file.lines.length);
			const change = random.below(4);
			if (change === 0) {
				file.lines.splice(at, 0, line(random), line(random));
			} else if (change === 1 && file.lines.length > 20) {
				file.lines.splice(at, 1);
			} else {
				file.lines[at] = line(random);
			}

			touched.add(index);
		}

		for (const index of touched) {
			await write(`M 100644 inline ${texts[index]!.path}\n`);
			await data(`${texts[index]!.lines.join('\n')}\n`);
		}

		const binaryDue = commit === 0 ? binaries.keys() : [];
		for (const index of binaryDue) {
			await write(`M 100644 inline ${binaries[index]!.path}\n`);
			await data(binaries[index]!.bytes);
		}

		if (commit > 0 && commit % shape.binaryEditEvery === 0 && binaries.length > 0) {
			const binary = binaries[random.below(binaries.length)]!;
			random.bytes(256).copy(binary.bytes, random.below(binary.bytes.length - 256));
			await write(`M 100644 inline ${binary.path}\n`);
			await data(binary.bytes);
		}

		if (commit % 97 === 0) {
			await write(`M 100644 inline readme.md\n`);
			await data(`# Bench repository\n\nRevision ${commit}.\n`);
		}

		await write('\n');
	}

	await write('reset refs/tags/v1\nfrom refs/heads/main\n\ndone\n');
}

function git(args: string[], cwd: string): string {
	const result = spawnSync('git', args, {cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
	if (result.status !== 0) {
		throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
	}

	return result.stdout;
}

/** A cache key that changes whenever the shape or this generator's output could. */
function keyOf(shape: RepositoryShape): string {
	return createHash('sha1')
		.update(`v1 ${JSON.stringify(shape)}`)
		.digest('hex')
		.slice(0, 12);
}

/**
 * Returns a bare repository of this shape under `cacheDir`, generating it (once) when missing.
 * Its objects are in one pack, as a server that ran `git gc` holds them.
 */
export async function generateRepository(
	shape: RepositoryShape,
	cacheDir: string,
): Promise<GeneratedRepository> {
	const gitDir = path.join(cacheDir, `repo-${keyOf(shape)}.git`);
	if (!existsSync(gitDir)) {
		const building = `${gitDir}.tmp-${process.pid}`;
		await rm(building, {recursive: true, force: true});
		await mkdir(building, {recursive: true});
		git(['init', '-q', '--bare', '--initial-branch=main', building], cacheDir);
		const child = spawn('git', ['fast-import', '--quiet', '--done'], {
			cwd: building,
			stdio: ['pipe', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		const exited = new Promise<number | null>((done) => child.on('close', done));
		await writeHistory(shape, child.stdin);
		child.stdin.end();
		if ((await exited) !== 0) {
			throw new Error(`git fast-import failed: ${stderr}`);
		}

		git(['repack', '-a', '-d', '-f', '-q', `--depth=${shape.deltaDepth}`, '--window=10'], building);
		git(['config', 'http.receivepack', 'false'], building);
		await rename(building, gitDir);
	}

	const packDir = path.join(gitDir, 'objects', 'pack');
	const packs = (await readdir(packDir)).filter((name) => name.endsWith('.pack'));
	const packBytes = (await Promise.all(packs.map((name) => stat(path.join(packDir, name))))).reduce(
		(sum, file) => sum + file.size,
		0,
	);
	const objects = Number(/in-pack: (\d+)/.exec(git(['count-objects', '-v'], gitDir))?.[1]);
	return {gitDir, packBytes, objects};
}
