import {existsSync} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import {request} from 'node:http';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {BbtokError} from '../../source/core/errors.js';
import {startSandbox} from '../../source/sandbox/index.js';
import {apiGet, git, temporaryDirectory} from './helpers.js';

describe('sandbox lifecycle', () => {
	it('serves on two loopback origins with fresh access-token-shaped values per start', async () => {
		const [first, second] = await Promise.all([
			startSandbox({env: process.env}),
			startSandbox({env: process.env}),
		]);
		try {
			expect(first.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/2\.0$/);
			expect(first.gitUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(new URL(first.apiUrl).port).not.toBe(new URL(first.gitUrl).port);
			for (const token of Object.values(first.tokens)) {
				expect(token).toMatch(/^ATCTT3xFfGN0[\w-]+=[\dA-F]{8}$/);
			}

			expect(new Set(Object.values(first.tokens)).size).toBe(8);
			expect(first.tokens.repoWrite).not.toBe(second.tokens.repoWrite);
			for (const email of Object.values(first.botEmails)) {
				expect(email).toMatch(
					/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}@bots\.bitbucket\.org$/,
				);
			}

			// Bot identities are fixed: the seed (and its hashes) are the same on every start.
			expect(second.botEmails).toEqual(first.botEmails);
			const scratch = await temporaryDirectory('bbtok-sandbox-life-');
			try {
				const tip = (sandbox: typeof first) =>
					git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-parse', 'main', 'v2.0'], {
						home: scratch.path,
					});
				expect(await tip(second)).toBe(await tip(first));
			} finally {
				await scratch.remove();
			}
		} finally {
			await Promise.all([first.close(), second.close()]);
		}
	});

	it('seeds the repositories of the contract', async () => {
		const sandbox = await startSandbox({env: process.env});
		const scratch = await temporaryDirectory('bbtok-sandbox-seed-');
		const inRepo = (slug: string, args: string[], workspace = 'acme') =>
			git(['--git-dir', sandbox.gitDirOf(workspace, slug), ...args], {home: scratch.path});
		try {
			const commits = Number(await inRepo('widget', ['rev-list', '--count', '--all']));
			expect(commits).toBeGreaterThanOrEqual(280);
			expect(commits).toBeLessThanOrEqual(320);
			expect(await inRepo('widget', ['for-each-ref', '--format=%(refname)'])).toBe(
				[
					'refs/heads/develop',
					'refs/heads/feature/login',
					'refs/heads/main',
					'refs/tags/v1.0',
					'refs/tags/v2.0',
				].join('\n'),
			);
			const authors = new Set(
				(await inRepo('widget', ['log', '--all', '--format=%ae'])).split('\n'),
			);
			expect(authors.size).toBeGreaterThanOrEqual(4);
			expect(authors).toContain(sandbox.botEmails.repoWrite);
			expect(
				await inRepo('widget', ['log', '--all', '--numstat', '--format=', '--', 'assets/logo.png']),
			).toContain('-\t-\tassets/logo.png');
			expect(Number(await inRepo('gadget', ['rev-list', '--count', 'main']))).toBe(5);
			expect(Number(await inRepo('website', ['rev-list', '--count', 'main']))).toBe(20);
			expect(
				Number(await inRepo('private-repo', ['rev-list', '--count', 'main'], 'other')),
			).toBeGreaterThan(0);
			expect(await inRepo('widget', ['config', 'http.receivepack'])).toBe('true');
		} finally {
			await sandbox.close();
			await scratch.remove();
		}
	});

	it('serves extra bare repositories as-is to the tokens that reach them, and refuses a bad path', async () => {
		const scratch = await temporaryDirectory('bbtok-sandbox-extra-');
		const home = scratch.path;
		const gitDir = path.join(scratch.path, 'bench.git');
		await git(['init', '--quiet', '--bare', '--initial-branch=trunk', gitDir], {home});
		const stream = Array.from(
			{length: 12},
			(_, index) =>
				`commit refs/heads/trunk\ncommitter Bench <bench@example.invalid> ${1_700_000_000 + index} +0000\ndata 8\nbench ${String(index).padStart(2, '0')}\n\n`,
		).join('');
		await git(['--git-dir', gitDir, 'fast-import', '--quiet'], {home, input: stream});
		const sandbox = await startSandbox({
			env: process.env,
			extraRepositories: [{workspace: 'acme', slug: 'bench', gitDir, project: 'TOOLS'}],
		});
		try {
			expect(sandbox.gitDirOf('acme', 'bench')).toBe(gitDir);
			const repository = await apiGet(
				`${sandbox.apiUrl}/repositories/acme/bench`,
				sandbox.tokens.projectWrite,
			);
			expect(repository.body).toMatchObject({
				full_name: 'acme/bench',
				mainbranch: {name: 'trunk'},
				is_private: true,
			});
			const commits = await apiGet(
				`${sandbox.apiUrl}/repositories/acme/bench/commits/trunk?pagelen=10`,
				sandbox.tokens.workspaceRead,
			);
			expect((commits.body.values as unknown[]).length).toBe(10);
			expect(commits.body.next).toBeDefined();
			expect(
				(await apiGet(`${sandbox.apiUrl}/repositories/acme/bench`, sandbox.tokens.repoWrite))
					.status,
			).toBe(404);
			const clone = path.join(scratch.path, 'clone');
			await git(['clone', '--quiet', `${sandbox.gitUrl}/acme/bench.git`, clone], {
				home,
				token: sandbox.tokens.workspaceRead,
			});
			expect(await git(['rev-list', '--count', 'HEAD'], {cwd: clone, home})).toBe('12');
		} finally {
			await sandbox.close();
		}

		// Served as-is: closing the sandbox leaves an extra repository alone.
		expect(existsSync(path.join(gitDir, 'HEAD'))).toBe(true);
		const failure = await startSandbox({
			env: process.env,
			extraRepositories: [
				{workspace: 'acme', slug: 'nope', gitDir: path.join(scratch.path, 'missing.git')},
			],
		}).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(BbtokError);
		expect((failure as BbtokError).message).toContain('missing.git is not a git repository');
		await scratch.remove();
	});

	it('close() ends keep-alive connections, stops listening and removes its temp dir', async () => {
		const sandbox = await startSandbox({env: process.env});
		const root = path.dirname(path.dirname(sandbox.gitDirOf('acme', 'widget')));
		const agentSocket = await new Promise<import('node:net').Socket>((resolve, reject) => {
			const outgoing = request(
				`${sandbox.apiUrl}/repositories/acme/gadget`,
				{headers: {Connection: 'keep-alive'}},
				(response) => {
					response.resume();
					response.on('end', () => resolve(outgoing.socket as import('node:net').Socket));
				},
			);
			outgoing.on('error', reject);
			outgoing.end();
		});
		const socketClosed = new Promise((resolve) => agentSocket.once('close', resolve));

		await sandbox.close();
		await socketClosed;
		expect(existsSync(root)).toBe(false);
		await expect(fetch(`${sandbox.apiUrl}/user`)).rejects.toThrow();
	});

	it('close() kills a git http-backend still waiting for its request body', async () => {
		const sandbox = await startSandbox({env: process.env});
		const projectRoot = path.dirname(sandbox.gitDirOf('acme', 'widget'));
		const pending = request(`${sandbox.gitUrl}/acme/widget.git/git-upload-pack`, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`x-token-auth:${sandbox.tokens.repoRead}`).toString('base64')}`,
				'Content-Type': 'application/x-git-upload-pack-request',
			},
		});
		const failed = new Promise((resolve) => pending.once('error', resolve));
		pending.write('0032want ');
		await until(async () => (await backendsServing(projectRoot)) > 0);

		await sandbox.close();
		expect(await failed).toBeInstanceOf(Error);
		await until(async () => (await backendsServing(projectRoot)) === 0);
	});

	it('rejects with a clear message when git is not on PATH', async () => {
		const path = process.env.PATH;
		process.env.PATH = '/nonexistent';
		try {
			const failure = await startSandbox({env: process.env}).catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(BbtokError);
			expect((failure as BbtokError).message).toContain('`git`');
			expect((failure as BbtokError).hint).toContain('Install git');
		} finally {
			process.env.PATH = path;
		}
	});
});

/** Processes whose environment names `projectRoot` as GIT_PROJECT_ROOT (Linux /proc). */
async function backendsServing(projectRoot: string): Promise<number> {
	let count = 0;
	for (const entry of await readdir('/proc')) {
		if (/^\d+$/.test(entry)) {
			const environment = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
			if (environment.split('\0').includes(`GIT_PROJECT_ROOT=${projectRoot}`)) {
				count++;
			}
		}
	}

	return count;
}

/** Polls `condition` every 20 ms, failing after 5 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!(await condition())) {
		if (Date.now() > deadline) {
			throw new Error('Condition not met within 5 s.');
		}

		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
