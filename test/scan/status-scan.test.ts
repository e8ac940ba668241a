/**
 * `status --scan` through the built CLI on a tree with every auth form: the rows, what is
 * left out (node_modules, symlinks, non-Bitbucket remotes), the credential-file entries, the
 * width, JSON, no secret anywhere in the output, and not one byte of the tree changed.
 */
import {chmod, mkdir, readdir} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, transcript} from '../cli/run-cli.js';
import {tempDirs} from '../fix-remote/git-fixtures.js';
import {nodeOthersCanRun} from '../helpers/node-for-others.js';
import {snapshotTree} from './snapshot.js';
import {buildTree, secrets, type Tree} from './tree.js';

const temp = tempDirs();
let tree: Tree;

beforeAll(async () => {
	tree = await buildTree(await temp.make('bbtok-scan-'), 'https://bitbucket.org');
});
afterAll(async () => {
	for (const output of transcript) {
		for (const secret of Object.values(secrets)) {
			expect(output).not.toContain(secret);
		}
	}

	await temp.cleanup();
});

const env = () => ({HOME: tree.home, GIT_CONFIG_GLOBAL: '/dev/null', BBTOK_CONFIG_DIR: tree.home});

async function scan(args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) {
	return runCli(['status', '--scan', tree.root, ...args], {
		cwd: tree.home,
		env: {...env(), ...extraEnv},
	}).done;
}

describe('status --scan', () => {
	it('lists one JSON object per Bitbucket remote, with mode, verdict and next step', async () => {
		const run = await scan(['--json']);
		expect(run.code).toBe(0);
		const objects = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line));
		const clones = objects.filter((object) => object.type === 'clone');
		const summary = clones.map((c) => [
			path.relative(tree.root, c.path),
			c.kind,
			c.repository,
			c.auth,
			c.verdict,
		]);
		expect(summary).toEqual([
			['account-password', 'clone', 'acme/website', 'user-password', 'dead'],
			['api-token', 'clone', 'acme/gadget', 'api-token', 'ok'],
			['app-password', 'clone', 'acme/widget', 'app-password', 'dead'],
			['app-password-wt', 'worktree', 'acme/widget', 'app-password', 'dead'],
			['gone', 'clone', 'acme/no-such-repo', 'app-password', 'dead'],
			['helper', 'clone', 'acme/widget', 'helper', 'ok'],
			['ssh', 'clone', 'acme/widget', 'ssh', 'ok'],
			['stored-login', 'clone', 'acme/gadget', 'app-password', 'dead'],
			['team/embedded', 'clone', 'acme/website', 'embed', 'ok'],
			['team/prompt', 'clone', 'acme/gadget', 'prompt', 'ok'],
			['team/prompt/vendor/lib', 'submodule', 'acme/widget', 'app-password', 'dead'],
			['unreachable', 'clone', 'other/private-repo', 'app-password', 'dead'],
		]);
		expect(clones.find((c) => c.path.endsWith('stored-login')).via).toBe(
			`${tree.credentialFile}:2`,
		);
		expect(clones.find((c) => c.verdict === 'dead').next).toMatch(/fix-remote --scan/);
		expect(clones.find((c) => c.path.endsWith('app-password')).url).toBe(
			'https://jo:***@bitbucket.org/acme/widget.git',
		);
		const stored = objects.filter((object) => object.type === 'credential');
		expect(stored.map((s) => [s.file, s.line, s.auth, s.verdict, s.url])).toEqual([
			[tree.credentialFile, 2, 'app-password', 'dead', 'https://jo:***@bitbucket.org'],
			[tree.credentialFile, 3, 'embed', 'ok', 'https://x-token-auth:***@bitbucket.org'],
			[tree.xdgCredentialFile, 2, 'user-password', 'dead', 'https://ann:***@bitbucket.org'],
		]);
	});

	it('prints an aligned table that fits 80 columns when stdout is not a terminal', async () => {
		const run = await scan();
		expect(run.code).toBe(0);
		const lines = run.stdout.split('\n');
		expect(lines[1]).toBe('14 repositories, 12 Bitbucket remotes: 7 dead, 0 need a token, 5 ok.');
		for (const line of lines) {
			expect([...line].length).toBeLessThanOrEqual(80);
		}

		const header = lines.find((line) => line.startsWith('PATH'))!;
		const verdictColumn = header.indexOf('VERDICT');
		const rows = lines.slice(lines.indexOf(header) + 1, lines.indexOf('', lines.indexOf(header)));
		expect(rows).toHaveLength(12);
		for (const row of rows) {
			expect(row.slice(verdictColumn)).toMatch(/^(ok|dead|needs-token) /);
		}

		expect(run.stdout).toContain('~/.git-credentials:2');
		expect(run.stdout).toMatch(/git\/credentials:2 +https:\/\/ann/);
		expect(run.stdout).not.toMatch(/node_modules|loop|link-to|github-only|library-source/);
	});

	it('reads $XDG_CONFIG_HOME/git/credentials when the variable is set', async () => {
		const run = await scan(['--json'], {XDG_CONFIG_HOME: path.join(tree.home, 'elsewhere')});
		const files = run.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line))
			.filter((o) => o.type === 'credential')
			.map((o) => o.file);
		expect(new Set(files)).toEqual(new Set([tree.credentialFile]));
	});

	it('changes no byte of the tree or the credential files', async () => {
		const before = await snapshotTree(path.dirname(tree.root));
		await scan();
		await scan(['--json']);
		expect(await snapshotTree(path.dirname(tree.root))).toEqual(before);
	});

	it('reports an unreadable folder, passes over it and exits 0', async () => {
		const locked = path.join(tree.root, 'locked');
		await mkdir(path.join(locked, 'inner'), {recursive: true});
		// Root reads anything: the scan then runs as nobody, over a tree opened up for it.
		const asRoot = process.getuid?.() === 0;
		if (asRoot) {
			await openUp(path.dirname(tree.root));
		}

		await chmod(locked, 0o000);
		try {
			const run = await runCli(['status', '--scan', tree.root], {
				cwd: '/',
				env: env(),
				...(asRoot ? {asUser: 65534, node: await nodeOthersCanRun()} : {}),
			}).done;
			expect(run.code).toBe(0);
			expect(run.stderr).toContain(`warning: cannot read ${locked} (EACCES); passed over.`);
			expect(run.stdout).toContain('app-password');
		} finally {
			await chmod(locked, 0o755);
		}
	});

	it('refuses a DIR that is not a folder, and a PATH given with it (exit 2)', async () => {
		const missing = await runCli(['status', '--scan', path.join(tree.root, 'nope')], {
			cwd: '/',
			env: env(),
		}).done;
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/no such folder/);
		const file = await runCli(['status', '--scan', tree.credentialFile], {cwd: '/', env: env()})
			.done;
		expect(file.code).toBe(2);
		const both = await runCli(['status', '.', '--scan', tree.root], {cwd: '/', env: env()}).done;
		expect(both.code).toBe(2);
		expect(both.stderr).toMatch(/takes no PATH/);
		const plain = await runCli(['status'], {cwd: tree.root, env: env()}).done;
		expect(plain.code).toBe(2);
		expect(plain.stderr).toMatch(/--scan DIR/);
	});
});

/** Lets another user read the fixture (mkdtemp makes 0700 folders). */
async function openUp(dir: string) {
	await chmod(dir, 0o755);
	for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
		if (!entry.isSymbolicLink()) {
			await chmod(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
		}
	}
}
