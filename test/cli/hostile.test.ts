/**
 * Hostile repositories: trees written byte by byte (sandbox rawTreeRepositories) cloned by the
 * built CLI, and by the real `git` as the reference. Each is refused in one line naming the
 * path, exit 1, nothing left; where git checks out what this refuses, the case says why.
 */
import {execFile} from 'node:child_process';
import {access, mkdtemp, readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type RawEntry, type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {errorLines, runHeadlessClone} from './run-cli.js';

const exec = promisify(execFile);
const outside = path.join(os.tmpdir(), `bbtok-hostile-outside-${process.pid}`);
const readme: RawEntry = {name: 'README', content: 'hello\n'};
const config: RawEntry[] = [{name: 'config', content: '[core]\n\tfsmonitor = touch pwned\n'}];

function deepPath(): RawEntry {
	let entry: RawEntry = {name: 'file', content: 'x'};
	for (let depth = 0; depth < 25; depth++) {
		entry = {name: 'd'.repeat(200), entries: [entry]};
	}

	return entry;
}

/** slug: the tree, the path the refusal names, and whether the real git refuses it too (git 2.x on Linux). */
const cases: Record<string, {entries: RawEntry[]; path: string; gitRefuses: boolean}> = {
	dotdot: {
		entries: [readme, {name: '..', entries: [{name: 'evil', content: 'x'}]}],
		path: '..',
		gitRefuses: true,
	},
	dotgit: {entries: [readme, {name: '.git', entries: config}], path: '.git', gitRefuses: true},
	'dotgit-upper': {
		entries: [readme, {name: '.GIT', entries: config}],
		path: '.GIT',
		gitRefuses: true,
	},
	'dotgit-ntfs-dot': {
		entries: [readme, {name: '.git.', entries: config}],
		path: '.git.',
		gitRefuses: true,
	},
	'dotgit-ntfs-short': {
		entries: [readme, {name: 'git~1', entries: config}],
		path: 'git~1',
		gitRefuses: true,
	},
	// core.protectHFS is off on Linux: git checks out what a Mac would read as .git.
	'dotgit-hfs': {
		entries: [readme, {name: '.g\u200Cit', entries: config}],
		path: '.g<U+200C>it',
		gitRefuses: false,
	},
	// git splits the name and writes a/b.
	slash: {entries: [readme, {name: 'a/b', content: 'x'}], path: 'a/b', gitRefuses: false},
	// Two entries `link`: a symlink out of the work tree, then a folder written through it.
	'symlink-then-folder': {
		entries: [
			readme,
			{name: 'link', mode: '120000', target: outside},
			{name: 'link', entries: [{name: 'pwned', content: 'x'}]},
		],
		path: 'link',
		gitRefuses: false,
	},
	// The same through a name a case-insensitive filesystem reads as the symlink's.
	'symlink-case': {
		entries: [
			readme,
			{name: 'LINK', mode: '120000', target: outside},
			{name: 'link', entries: [{name: 'pwned', content: 'x'}]},
		],
		path: 'link',
		gitRefuses: false,
	},
	// git refuses a symlinked .gitmodules (it would read outside the work tree).
	'symlink-gitmodules': {
		entries: [readme, {name: '.gitmodules', mode: '120000', target: '/etc/passwd'}],
		path: '.gitmodules',
		gitRefuses: true,
	},
	'long-name': {
		entries: [readme, {name: 'n'.repeat(300), content: 'x'}],
		path: 'nnnn',
		gitRefuses: true,
	},
	// 86 characters, 258 bytes: counted in bytes, as the filesystem counts.
	'long-name-multibyte': {
		entries: [readme, {name: '\u20ac'.repeat(86), content: 'x'}],
		path: '\u20ac\u20ac\u20ac',
		gitRefuses: true,
	},
	'long-path': {entries: [readme, deepPath()], path: 'dddd', gitRefuses: true},
};

let sandbox: Sandbox;
let root: string;

beforeAll(async () => {
	sandbox = await startSandbox({
		env: process.env,
		rawTreeRepositories: Object.entries(cases).map(([slug, {entries}]) => ({
			workspace: 'acme',
			slug,
			entries,
		})),
	});
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cli-hostile-'));
}, 60_000);

afterAll(async () => {
	await Promise.all([sandbox?.close(), root && rm(root, {recursive: true, force: true})]);
});

describe.each(Object.entries(cases))('%s', (slug, {path: named, gitRefuses}) => {
	it(`the real git ${gitRefuses ? 'refuses it too' : 'checks it out'}`, async () => {
		const url = `${sandbox.gitUrl.replace('://', `://x-token-auth:${sandbox.tokens.workspaceRead}@`)}/acme/${slug}.git`;
		const dir = path.join(root, `git-${slug}`);
		const refused = await exec('git', ['clone', '-q', url, dir], {
			env: {PATH: process.env.PATH, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'},
		}).then(
			() => false,
			() => true,
		);
		expect(refused).toBe(gitRefuses);
	});

	it('is refused in one line naming the path, exit 1, nothing written', async () => {
		const cwd = await mkdtemp(path.join(root, 'run-'));
		const result = await runHeadlessClone(sandbox, cwd, [`acme/${slug}`, '--dir', 'out']).done;
		expect(result.code).toBe(1);
		const lines = errorLines(result.stderr);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			new RegExp(
				`^bbtok-tui: Refused to clone acme/${slug} for safety: the path "${regexEscaped(named)}.*; nothing was written\\.$`,
			),
		);
		expect(result.stderr).not.toMatch(/run the command again/i);
		expect(await readdir(cwd)).toEqual(['.cfg']);
		await expect(access(outside)).rejects.toThrow();
	});
});

function regexEscaped(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
