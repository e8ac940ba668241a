import {existsSync} from 'node:fs';
import {request} from 'node:http';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {BbtokError} from '../../source/errors.js';
import {startSandbox} from '../../source/sandbox/index.js';
import {git, temporaryDirectory} from './helpers.js';

describe('sandbox lifecycle', () => {
	it('serves on two loopback origins with fresh access-token-shaped values per start', async () => {
		const [first, second] = await Promise.all([startSandbox(), startSandbox()]);
		try {
			expect(first.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/2\.0$/);
			expect(first.gitUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(new URL(first.apiUrl).port).not.toBe(new URL(first.gitUrl).port);
			for (const token of Object.values(first.tokens)) {
				expect(token).toMatch(/^ATCTT3xFfGN0[\w-]+=[\dA-F]{8}$/);
			}

			expect(new Set(Object.values(first.tokens)).size).toBe(7);
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
		const sandbox = await startSandbox();
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

	it('close() ends keep-alive connections, stops listening and removes its temp dir', async () => {
		const sandbox = await startSandbox();
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

	it('rejects with a clear message when git is not on PATH', async () => {
		const path = process.env.PATH;
		process.env.PATH = '/nonexistent';
		try {
			const failure = await startSandbox().catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(BbtokError);
			expect((failure as BbtokError).message).toContain('`git`');
			expect((failure as BbtokError).hint).toContain('Install git');
		} finally {
			process.env.PATH = path;
		}
	});
});
