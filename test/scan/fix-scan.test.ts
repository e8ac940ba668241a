/**
 * `fix-remote --scan` headless, through the built CLI against the sandbox, on the tree with
 * every auth form: what moves onto the token (checked with the real git), what is left
 * byte-identical and why, one request per distinct repository, the rate-limit stop,
 * --strip-credentials on git's credential files, and Ctrl+C in the middle of applying.
 */
import {execFile} from 'node:child_process';
import {chmod, open, readFile, rename, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fillToken} from '../../source/git/credential-store.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {runCli, transcript} from '../cli/run-cli.js';
import {git, tempDirs} from '../fix-remote/git-fixtures.js';
import {snapshotTree} from './snapshot.js';
import {buildTree, secrets, stopCacheDaemons, type Tree} from './tree.js';

const exec = promisify(execFile);
const temp = tempDirs();
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});
afterAll(async () => {
	for (const output of transcript) {
		for (const secret of [...Object.values(secrets), ...Object.values(sandbox.tokens)]) {
			expect(output).not.toContain(secret);
		}
	}

	await stopCacheDaemons();
	await sandbox.close();
	await temp.cleanup();
});

async function freshTree(): Promise<Tree> {
	return buildTree(await temp.make('bbtok-fixscan-'), sandbox.gitUrl);
}

function fixScan(
	tree: Tree,
	args: string[] = [],
	token = sandbox.tokens.workspaceRead,
	on = sandbox,
) {
	return runCli(['fix-remote', '--scan', tree.root, ...args], {
		cwd: tree.home,
		env: {
			HOME: tree.home,
			GIT_CONFIG_GLOBAL: '/dev/null',
			BBTOK_CONFIG_DIR: path.join(tree.home, 'bbtok'),
			BBTOK_API_URL: on.apiUrl,
			BBTOK_GIT_URL: on.gitUrl,
			BITBUCKET_ACCESS_TOKEN: token,
		},
	});
}

const originOf = async (dir: string) => (await git(dir, ['remote', 'get-url', 'origin'])).trim();
const apiRequests = (from: number) =>
	sandbox.requests.slice(from).filter((request) => request.server === 'api');

describe('fix-remote --scan, headless', () => {
	it('moves every clone the token reaches onto it, leaves the rest byte-identical, one request per repository', async () => {
		const tree = await freshTree();
		const untouched = ['api-token', 'ssh', 'gone', 'unreachable', 'github-only'];
		const before = Object.fromEntries(
			await Promise.all(
				untouched.map(async (name) => [name, await snapshotTree(tree.clones[name]!)]),
			),
		);
		const credentialsBefore = await readFile(tree.credentialFile);
		const from = sandbox.requests.length;
		const run = await fixScan(tree, ['--json', '--bot-email', 'acme-audit-bot']).done;
		expect(run.code).toBe(0);
		// acme/website, acme/widget, acme/no-such-repo, acme/gadget, other/private-repo: once each.
		expect(
			apiRequests(from)
				.map((request) => request.url)
				.sort(),
		).toEqual([
			'/2.0/repositories/acme/gadget',
			'/2.0/repositories/acme/no-such-repo',
			'/2.0/repositories/acme/website',
			'/2.0/repositories/acme/widget',
			'/2.0/repositories/other/private-repo',
		]);
		const results = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		const status = Object.fromEntries(
			results.map((r) => [path.relative(tree.root, r.path), r.status]),
		);
		expect(status).toEqual({
			'account-password': 'migrated',
			'app-password': 'migrated',
			helper: 'migrated',
			'stored-login': 'migrated',
			'team/embedded': 'migrated',
			'team/prompt': 'migrated',
			'team/prompt/vendor/lib': 'migrated',
			'api-token': 'left',
			ssh: 'left',
			gone: 'unreachable',
			unreachable: 'unreachable',
		});
		const host = new URL(sandbox.gitUrl).host;
		expect(await originOf(tree.clones['app-password']!)).toBe(
			`http://x-token-auth@${host}/acme/widget.git`,
		);
		// The worktree shares the config: it was fixed through its main repository.
		expect(await originOf(tree.clones['app-password-wt']!)).toBe(
			`http://x-token-auth@${host}/acme/widget.git`,
		);
		expect(await originOf(tree.clones['team/prompt/vendor/lib']!)).toBe(
			`http://x-token-auth@${host}/acme/widget.git`,
		);
		// An embedded clone is rotated in its mode.
		expect(await originOf(tree.clones['team/embedded']!)).toBe(
			`http://x-token-auth:${sandbox.tokens.workspaceRead}@${host}/acme/website.git`,
		);
		expect((await git(tree.clones['stored-login']!, ['config', 'user.email'])).trim()).toBe(
			'acme-audit-bot@bots.bitbucket.org',
		);
		// A helper clone keeps helper mode: its own helper now holds the new token.
		expect(results.find((r) => r.path === tree.clones.helper)).toMatchObject({
			auth: 'helper',
			helper: 'cache',
		});
		expect(
			await fillToken(
				{env: {PATH: process.env.PATH, HOME: tree.home}, cwd: tree.clones.helper!},
				`${sandbox.gitUrl}/acme/widget.git`,
			),
		).toBe(sandbox.tokens.workspaceRead);
		for (const name of untouched) {
			expect(await snapshotTree(tree.clones[name]!)).toEqual(before[name]);
		}

		// Without --strip-credentials the credential files stay as they were, and the summary says so.
		expect(await readFile(tree.credentialFile)).toEqual(credentialsBefore);
		expect(run.stderr).toMatch(/2 dead credential-file entries: pass --strip-credentials/);
		expect(run.stderr).toMatch(/2 clones this token does not reach/);

		// The migrated clone fetches with the token through the real git.
		const askPass = path.join(tree.home, 'askpass.sh');
		await writeFile(askPass, `#!/bin/sh\nprintf '%s\\n' '${sandbox.tokens.workspaceRead}'\n`, {
			mode: 0o700,
		});
		await git(tree.clones['app-password']!, ['fetch', '-q', 'origin'], {GIT_ASKPASS: askPass});
		expect(await git(tree.clones['app-password']!, ['rev-parse', 'origin/main'])).toMatch(
			/^[0-9a-f]{40}/,
		);
	});

	it('previews every change on stderr before applying, secrets redacted', async () => {
		const tree = await freshTree();
		const run = await fixScan(tree).done;
		expect(run.code).toBe(0);
		const preview = run.stderr.slice(0, run.stderr.indexOf('Applying'));
		expect(preview).toMatch(/app-password .*acme\/widget {2}origin: app-password → prompt/);
		expect(preview).toContain(
			`- url = http://jo:***@${new URL(sandbox.gitUrl).host}/acme/widget.git`,
		);
		expect(preview).toMatch(
			/unreachable {2}other\/private-repo: not found, or not reachable with this token \(404\)/,
		);
		expect(preview).toMatch(/ssh {2}acme\/widget|ssh: works with your SSH key/);
		expect(run.stdout).toMatch(
			/^6 migrated, 1 already as proposed, 0 failed, 0 unticked; 2 not reachable/m,
		);
	});

	it('--strip-credentials removes the dead credential-file entries atomically, every other byte and the mode kept', async () => {
		const tree = await freshTree();
		const [home, xdg] = [
			await readFile(tree.credentialFile, 'utf8'),
			await readFile(tree.xdgCredentialFile, 'utf8'),
		];
		const run = await fixScan(tree, ['--strip-credentials']).done;
		expect(run.code).toBe(0);
		expect(await readFile(tree.credentialFile, 'utf8')).toBe(
			home
				.split('\n')
				.filter((_, i) => i !== 1)
				.join('\n'),
		);
		expect(await readFile(tree.xdgCredentialFile, 'utf8')).toBe(
			xdg
				.split('\r\n')
				.filter((_, i) => i !== 1)
				.join('\r\n'),
		);
		expect((await stat(tree.credentialFile)).mode & 0o777).toBe(0o600);
		expect((await stat(tree.xdgCredentialFile)).mode & 0o777).toBe(0o640);
		expect(run.stdout).toContain(`${tree.credentialFile}: removed 1 dead entry.`);
		// No temp file is left next to them.
		const {stdout} = await exec('ls', ['-A', tree.home]);
		expect(stdout).not.toMatch(/bbtok-/);
	});

	it('stops checking, with a clear message, when Bitbucket says the rate limit is near', async () => {
		const limited = await startSandbox({env: process.env, rateLimit: {limit: 40}});
		try {
			const tree = await buildTree(await temp.make('bbtok-fixscan-'), limited.gitUrl);
			// 38 of 40 spent: the next answer says NearLimit (fewer than 5% left).
			for (let spent = 0; spent < 38; spent++) {
				await fetch(`${limited.apiUrl}/repositories/acme/widget`, {
					headers: {authorization: `Bearer ${limited.tokens.workspaceRead}`},
				}).then((response) => response.arrayBuffer());
			}

			const from = limited.requests.length;
			const run = await fixScan(tree, ['--json'], limited.tokens.workspaceRead, limited).done;
			expect(run.code).toBe(0);
			expect(limited.requests.slice(from).filter((r) => r.server === 'api')).toHaveLength(1);
			expect(run.stderr).toMatch(
				/Stopped checking: Bitbucket says this token is near its hourly rate limit/,
			);
			const results = run.stdout
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line));
			// The one answer was about acme/website, which two clones use.
			expect(
				results.filter((r) => r.status === 'migrated').map((r) => path.basename(r.path)),
			).toEqual(['account-password', 'embedded']);
			expect(results.filter((r) => r.status === 'unchecked').length).toBeGreaterThan(3);
		} finally {
			await limited.close();
		}
	});

	it.each([
		['SIGINT', 130],
		['SIGTERM', 143],
	] as const)(
		'%s while applying: clones before it migrated, the one in flight finished, the rest byte-identical; exit %i',
		async (signal, code) => {
			const tree = await freshTree();
			const later = ['team/embedded', 'team/prompt', 'team/prompt/vendor/lib'];
			const before = Object.fromEntries(
				await Promise.all(
					later.map(async (name) => [name, await snapshotTree(tree.clones[name]!)]),
				),
			);
			// stored-login's config becomes a FIFO: each read of it waits for this test to answer,
			// so the signal lands while that clone is being written, deterministically.
			const config = path.join(tree.clones['stored-login']!, '.git', 'config');
			const text = await readFile(config, 'utf8');
			await rename(config, `${config}.real`);
			await exec('mkfifo', [config]);
			await chmod(config, 0o644);
			const run = fixScan(tree, ['--bot-email', 'acme-audit-bot']);
			// One writer per read, each after the CLI says the previous read is over.
			await writeFile(config, text); // the scan's read
			await run.stderrLine(/checking \d+ with/);
			await writeFile(config, text); // fix-remote's inspection
			await run.stderrLine(/^Applying/m);
			const writer = await open(config, 'w'); // the write's check: the CLI is now inside this clone
			run.kill(signal);
			await new Promise((resolve) => setTimeout(resolve, 300));
			await writer.write(text);
			await writer.close();
			const result = await run.done;
			expect(result.code).toBe(code);
			expect(result.stdout).toMatch(
				/^Interrupted: 4 migrated in full, 3 not changed \(byte-identical\): team\/embedded, team\/prompt, team\/prompt\/vendor\/lib\./m,
			);
			expect(await originOf(tree.clones['stored-login']!)).toMatch(/^http:\/\/x-token-auth@/);
			expect((await stat(config)).isFile()).toBe(true);
			for (const name of later) {
				expect(await snapshotTree(tree.clones[name]!)).toEqual(before[name]);
			}
		},
	);

	it('refuses a run without a token (exit 2), and a rejected token changes nothing (exit 3)', async () => {
		const tree = await freshTree();
		const snapshot = async () => [
			await snapshotTree(tree.root),
			await readFile(tree.credentialFile, 'utf8'),
		];
		const before = await snapshot();
		const none = await fixScan(tree, [], '').done;
		expect(none.code).toBe(2);
		expect(none.stderr).toMatch(/No token/);
		const revoked = await fixScan(tree, [], sandbox.tokens.revoked).done;
		expect(revoked.code).toBe(3);
		expect(revoked.stderr).toMatch(/nothing was changed|rejected|revoked|invalid/i);
		expect(await snapshot()).toEqual(before);
	});
});
