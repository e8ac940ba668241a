/**
 * Failures of this machine, through the built CLI: a clone onto a full disk (a small tmpfs),
 * into a read-only filesystem, into a folder without permission (the CLI run as `nobody`), a
 * settings folder on a full or read-only disk; and two runs at once sharing one settings file.
 * A disk that holds the pack but fills while a large file streams into the work tree, or
 * while the checkout workers write many small files, fails alike.
 * Mounting needs root, as in CI.
 */
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmod, mkdir, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {bareRepositoryWith} from '../helpers/large-blob-repo.js';
import {nodeOthersCanRun} from '../helpers/node-for-others.js';
import {errorLines, runHeadlessClone} from './run-cli.js';

const exec = promisify(execFile);
let sandbox: Sandbox;
let root: string;
const mounts: string[] = [];

/** An incompressible file this large: its pack fits on a 12 MB disk, pack and file do not. */
const largeFileBytes = 8 * 1024 * 1024;
/** Incompressible files of 16 kB, enough for the checkout workers: 6.3 MB, pack and files 13 MB. */
const manyFileCount = 400;

beforeAll(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-local-'));
	await chmod(root, 0o755);
	const gitDir = await bareRepositoryWith(root, {'large.bin': randomBytes(largeFileBytes)});
	const many = path.join(root, 'many');
	await mkdir(many);
	const manyFiles = Object.fromEntries(
		Array.from({length: manyFileCount}, (_, index) => [`f${index}.bin`, randomBytes(16 * 1024)]),
	);
	sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [
			{workspace: 'acme', slug: 'large', gitDir},
			{workspace: 'acme', slug: 'many', gitDir: await bareRepositoryWith(many, manyFiles)},
		],
	});
});

afterAll(async () => {
	for (const mount of mounts.reverse()) {
		await exec('umount', [mount]).catch(() => undefined);
	}

	await Promise.all([sandbox?.close(), root && rm(root, {recursive: true, force: true})]);
});

async function tmpfs(name: string, options: string): Promise<string> {
	const dir = path.join(root, name);
	await mkdir(dir);
	await exec('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
	mounts.push(dir);
	return dir;
}

function clone(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
	return runHeadlessClone(sandbox, cwd, args, env).done;
}

describe('local failures', () => {
	it('a full disk: one line with the folder and the space needed, nothing left', async () => {
		const disk = await tmpfs('full', 'size=64k');
		const cwd = await mkdtemp(path.join(root, 'run-'));
		const result = await clone(cwd, ['acme/widget', '--dir', path.join(disk, 'widget')]);
		expect(result.code).toBe(1);
		expect(errorLines(result.stderr)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^bbtok-tui: No space left on the disk of ${path.join(disk, 'widget')}: the clone needs more than \\d+(\\.\\d)? kB .*; nothing was left behind\\.$`,
				),
			),
		]);
		expect(result.stderr).not.toMatch(/run the command again|ENOSPC/i);
		expect(await readdir(disk)).toEqual([]);
	});

	// The pack fits on the disk, the work tree does not: the same line, from the writing pass.
	it.each([
		['a large file is written', 'large', 'size=12m', '8'],
		['the checkout workers write many files', 'many', 'size=10m', '6'],
	])(
		'a disk that fills while %s: the same line, nothing left',
		async (_case, repo, size, megabytes) => {
			const disk = await tmpfs(`full-${repo}`, size);
			const cwd = await mkdtemp(path.join(root, 'run-'));
			const result = await clone(cwd, [`acme/${repo}`, '--dir', path.join(disk, repo)]);
			expect(result.code).toBe(1);
			expect(errorLines(result.stderr)).toEqual([
				expect.stringMatching(
					new RegExp(
						`^bbtok-tui: No space left on the disk of ${path.join(disk, repo)}: the clone needs more than ${megabytes}\\.\\d MB .*; nothing was left behind\\.$`,
					),
				),
			]);
			expect(result.stderr).not.toMatch(/run the command again|ENOSPC/i);
			expect(await readdir(disk)).toEqual([]);
		},
	);

	it('a read-only filesystem: one line, nothing left', async () => {
		const disk = await tmpfs('readonly', 'ro,size=1m');
		const cwd = await mkdtemp(path.join(root, 'run-'));
		const result = await clone(cwd, ['acme/widget', '--dir', path.join(disk, 'widget')]);
		expect(result.code).toBe(1);
		expect(errorLines(result.stderr)).toEqual([
			`bbtok-tui: ${path.join(disk, 'widget')} is on a read-only filesystem; nothing was left behind.`,
		]);
	});

	it('a folder without permission: one line naming it, nothing left', async () => {
		const cwd = await mkdtemp(path.join(root, 'run-'));
		await chmod(cwd, 0o777);
		const locked = path.join(cwd, 'locked');
		await mkdir(locked, {mode: 0o555});
		const nobody = await exec('id', ['-u', 'nobody']).then(({stdout}) => Number(stdout.trim()));
		const {spawn} = await import('node:child_process');
		const child = spawn(
			await nodeOthersCanRun(),
			[
				new URL('../../dist/cli.js', import.meta.url).pathname,
				'acme/widget',
				'--token-stdin',
				'--bot-email',
				'ci-bot',
				'--dir',
				'locked/widget',
			],
			{
				cwd,
				uid: nobody,
				gid: nobody,
				env: {
					PATH: process.env.PATH,
					HOME: cwd,
					BBTOK_API_URL: sandbox.apiUrl,
					BBTOK_GIT_URL: sandbox.gitUrl,
					BBTOK_CONFIG_DIR: path.join(cwd, '.cfg'),
				},
			},
		);
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.stdin.end(`${sandbox.tokens.workspaceRead}\n`);
		const code = await new Promise((resolve) => child.on('close', resolve));
		expect(code).toBe(1);
		expect(errorLines(stderr)).toEqual([
			`bbtok-tui: No permission to write in ${locked}, so ${path.join(locked, 'widget')} cannot be cloned into; nothing was left behind.`,
		]);
		expect(await readdir(locked)).toEqual([]);
	});

	it.each([
		['full', 'size=4k'],
		['read-only', 'ro,size=1m'],
	])('a settings folder on a %s disk: a warning, and the clone goes on', async (name, options) => {
		const disk = await tmpfs(`settings-${name}`, options);
		if (!options.startsWith('ro')) {
			// Fill it: conf's temp file cannot be written.
			await exec('dd', ['if=/dev/zero', `of=${path.join(disk, 'fill')}`, 'bs=1k', 'count=8']).catch(
				() => undefined,
			);
		}

		const cwd = await mkdtemp(path.join(root, 'run-'));
		const result = await clone(cwd, ['acme/widget', '--dir', 'widget'], {
			BBTOK_CONFIG_DIR: path.join(disk, 'bbtok'),
		});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^warning: .*settings/im);
		expect(await readdir(path.join(cwd, 'widget'))).toContain('.git');
	});
});

describe('two runs at once', () => {
	it('both keep their recent-repository entries in one valid settings file', async () => {
		const cwd = await mkdtemp(path.join(root, 'parallel-'));
		const configDir = path.join(cwd, '.shared-cfg');
		const slugs = ['widget', 'gadget', 'website'];
		const results = await Promise.all(
			slugs.map((slug) =>
				clone(cwd, [`acme/${slug}`, '--dir', slug], {BBTOK_CONFIG_DIR: configDir}),
			),
		);
		expect(results.map((result) => result.code)).toEqual([0, 0, 0]);
		const stored = JSON.parse(await readFile(path.join(configDir, 'config.json'), 'utf8')) as {
			recent: {repo: string}[];
		};
		expect(stored.recent.map((entry) => entry.repo).sort()).toEqual([...slugs].sort());
		expect(await readdir(configDir)).toEqual(['config.json']);
	});
});
