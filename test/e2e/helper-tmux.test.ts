/**
 * The wizard in a real terminal (tmux) with git's credential-cache configured after a
 * plain-text `store`: the Auth field offers helper first, the verify step shows the scopes,
 * the Done screen names the helper and how to remove the token; then the real git pushes
 * with no prompt and no askpass, the token in no file and on no screen.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {filesContainingAny} from '../cli/run-cli.js';
import {cacheHome, contentsOf, type HelperHome} from '../helpers/credential-helpers.js';
import {cliPath, ensureBuiltCli} from './cli.js';
import {startTmux, type TmuxSession} from './tmux.js';

let sandbox: Sandbox;
let home: HelperHome;
let socketDir: string;
let session: TmuxSession | undefined;

beforeAll(async () => {
	await ensureBuiltCli();
	[sandbox, home] = await Promise.all([startSandbox({env: process.env}), cacheHome(['store'])]);
	socketDir = await mkdtemp(path.join(os.tmpdir(), 'bbtok-e2e-helper-'));
}, 120_000);

afterAll(async () => {
	await session?.kill();
	await Promise.all([
		sandbox?.close(),
		home?.dispose(),
		rm(socketDir, {recursive: true, force: true}),
	]);
});

describe('the wizard with a credential helper', () => {
	test('offers helper first, keeps the token there, and the real git pushes without asking', async () => {
		const token = sandbox.tokens.repoWrite;
		const bot = sandbox.botEmails.repoWrite;
		session = await startTmux({
			command: [process.execPath, cliPath, 'acme/widget'],
			cwd: home.home,
			socketDir,
			env: {
				...(home.env as Record<string, string>),
				TERM: 'xterm-256color',
				LANG: 'C.UTF-8',
				BBTOK_API_URL: sandbox.apiUrl,
				BBTOK_GIT_URL: sandbox.gitUrl,
				BBTOK_CONFIG_DIR: path.join(home.home, '.bbtok-config'),
			},
			width: 100,
			height: 40,
		});
		await session.waitFor('2/7 Token');
		await session.type(token);
		await session.waitFor('token entered (hidden)');
		await session.press('Enter');
		const verified = await session.waitFor('The token reaches acme/widget.');
		expect(verified).toContain(
			'repository, repository:write, pullrequest (repository access token)',
		);
		expect(verified).toContain('scopes beyond what a clone needs: pullrequest');
		await session.press('Enter');
		const options = await session.waitFor('(new folder)');
		expect(options).toMatch(/Auth\s+.*helper.*recommended · kept by cache/);
		await session.press('Enter');
		await session.waitFor('6/7 Bot email', 30_000);
		await session.waitFor(bot);
		await session.press('Up');
		await session.waitFor(`› ${bot}`);
		await session.press('Enter');
		await session.waitFor('Name (optional');
		await session.press('Enter');
		const done = await session.waitFor('7/7 Done');
		expect(done).toContain('Auth helper');
		expect(done).toContain('credential helper cache');
		expect(done).toContain('To remove it, in the clone');
		await session.press('q');
		expect(await session.exitStatus()).toBe(0);
		const shown = await session.scrollback();
		expect(shown).not.toContain(token);

		const dir = path.join(home.home, 'widget');
		await home.git(['commit', '--allow-empty', '-q', '-m', 'Pushed through the helper'], {
			cwd: dir,
		});
		await home.git(['-c', 'core.askPass=', 'push', '-q', 'origin', 'HEAD'], {cwd: dir});
		expect(
			await home.git([
				'--git-dir',
				sandbox.gitDirOf('acme', 'widget'),
				'log',
				'-1',
				'--format=%ae %s',
			]),
		).toBe(`${bot} Pushed through the helper`);
		expect(await contentsOf(path.join(home.home, '.git-credentials'))).toBe('');
		expect(await filesContainingAny(home.home, [token])).toEqual([]);
	});
});
