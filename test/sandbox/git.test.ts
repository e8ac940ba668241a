import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {apiGet, git, runGit, temporaryDirectory} from './helpers.js';

let sandbox: Sandbox;
let scratch: {path: string; remove: () => Promise<void>};
let home: string;
let clones = 0;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	scratch = await temporaryDirectory('bbtok-sandbox-git-');
	home = scratch.path;
});

afterAll(async () => {
	await sandbox?.close();
	await scratch?.remove();
});

const widgetUrl = () => `${sandbox.gitUrl}/acme/widget.git`;
const target = () => path.join(scratch.path, `clone-${++clones}`);

/** The token must never reach git's output, whatever happened. */
function expectNoToken(...outputs: string[]): void {
	for (const token of Object.values(sandbox.tokens)) {
		for (const output of outputs) {
			expect(output.includes(token)).toBe(false);
		}
	}
}

describe('git smart HTTP through git http-backend', () => {
	it('clones acme/widget with every token that reaches it with the repository scope', async () => {
		const bare = sandbox.gitDirOf('acme', 'widget');
		const expected = await git(['--git-dir', bare, 'rev-parse', 'main', 'develop'], {home});
		for (const name of ['repoWrite', 'repoRead', 'projectWrite', 'workspaceRead'] as const) {
			const dir = target();
			const result = await runGit(['clone', '--quiet', '--no-single-branch', widgetUrl(), dir], {
				home,
				token: sandbox.tokens[name],
			});
			expect(result.code, `${name}: ${result.stderr}`).toBe(0);
			expect(await git(['rev-parse', 'main', 'origin/develop'], {cwd: dir, home})).toBe(expected);
			expect(await git(['config', '--get', 'remote.origin.url'], {cwd: dir, home})).toBe(
				widgetUrl(),
			);
			expectNoToken(result.stdout, result.stderr);
		}
	});

	it('answers 401 with a Basic challenge without or with rejected credentials', async () => {
		const anonymous = await fetch(`${widgetUrl()}/info/refs?service=git-upload-pack`);
		expect(anonymous.status).toBe(401);
		expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Bitbucket"');

		const wrongUser = await fetch(`${widgetUrl()}/info/refs?service=git-upload-pack`, {
			headers: {
				Authorization: `Basic ${Buffer.from(`someone:${sandbox.tokens.repoRead}`).toString('base64')}`,
			},
		});
		expect(wrongUser.status).toBe(401);

		const withUser = widgetUrl().replace('://', '://x-token-auth@');
		const revoked = await runGit(['clone', '--quiet', withUser, target()], {
			home,
			token: sandbox.tokens.revoked,
			askpass: true,
		});
		expect(revoked.code).not.toBe(0);
		expect(revoked.stderr).toContain('Authentication failed');

		const prompted = await runGit(['ls-remote', withUser, 'refs/heads/main'], {
			home,
			token: sandbox.tokens.repoRead,
			askpass: true,
		});
		expect(prompted.code, prompted.stderr).toBe(0);
		expect(prompted.stdout).toMatch(/^[\da-f]{40}\trefs\/heads\/main$/);
		expectNoToken(revoked.stderr);
	});

	it('answers 404 for a repository the token cannot see, and 403 without the repository scope', async () => {
		const other = await runGit(['clone', '--quiet', widgetUrl(), target()], {
			home,
			token: sandbox.tokens.otherRepo,
		});
		expect(other.code).not.toBe(0);
		expect(other.stderr).toMatch(/not found|404/);

		const outside = await runGit(['ls-remote', `${sandbox.gitUrl}/other/private-repo.git`], {
			home,
			token: sandbox.tokens.workspaceRead,
		});
		expect(outside.stderr).toMatch(/not found|404/);

		const noScope = await fetch(`${widgetUrl()}/info/refs?service=git-upload-pack`, {
			headers: {
				Authorization: `Basic ${Buffer.from(`x-token-auth:${sandbox.tokens.repoNoScope}`).toString('base64')}`,
			},
		});
		expect(noScope.status).toBe(403);
		expect(await noScope.json()).toEqual({
			type: 'error',
			error: {
				message: 'Your credentials lack one or more required privilege scopes.',
				detail: {granted: ['pullrequest'], required: ['repository']},
			},
		});
	});

	it('lets anyone fetch the public acme/gadget but pushes only with write access to it', async () => {
		const dir = target();
		expect(
			(await runGit(['clone', '--quiet', `${sandbox.gitUrl}/acme/gadget`, dir], {home})).code,
		).toBe(0);
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir, home})).toBe('5');
		await git(['commit', '--quiet', '--allow-empty', '-m', 'Not allowed'], {cwd: dir, home});
		const anonymous = await runGit(['push', '--quiet', 'origin', 'HEAD:main'], {cwd: dir, home});
		expect(anonymous.code).not.toBe(0);
		const foreign = await runGit(['push', '--quiet', 'origin', 'HEAD:main'], {
			cwd: dir,
			home,
			token: sandbox.tokens.repoWrite,
		});
		expect(foreign.stderr).toContain('403');
	});

	it('refuses a push with a read-only token (403) and leaves the bare repository unchanged', async () => {
		const dir = target();
		await git(['clone', '--quiet', widgetUrl(), dir], {home, token: sandbox.tokens.repoRead});
		await git(['commit', '--quiet', '--allow-empty', '-m', 'Read-only attempt'], {cwd: dir, home});
		const before = await git(
			['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-parse', 'main'],
			{home},
		);

		const result = await runGit(['push', '--quiet', 'origin', 'HEAD:main'], {
			cwd: dir,
			home,
			token: sandbox.tokens.repoRead,
		});
		expect(result.code).not.toBe(0);
		expect(result.stderr).toContain('403');
		expectNoToken(result.stderr);
		expect(
			await git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-parse', 'main'], {home}),
		).toBe(before);
	});

	it('accepts a push with repository:write, and the REST API lists the pushed commit first', async () => {
		const dir = target();
		await git(['clone', '--quiet', widgetUrl(), dir], {home, token: sandbox.tokens.repoWrite});
		await git(
			[
				'-c',
				'user.name=widget-ci',
				'-c',
				`user.email=${sandbox.botEmails.repoWrite}`,
				'commit',
				'--quiet',
				'--allow-empty',
				'-m',
				'Pushed through the sandbox\n\nSecond paragraph.',
			],
			{cwd: dir, home},
		);
		const pushed = await git(['rev-parse', 'HEAD'], {cwd: dir, home});
		await git(['push', '--quiet', 'origin', 'HEAD:main'], {
			cwd: dir,
			home,
			token: sandbox.tokens.repoWrite,
		});

		expect(
			await git(['--git-dir', sandbox.gitDirOf('acme', 'widget'), 'rev-parse', 'main'], {home}),
		).toBe(pushed);
		const page = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/widget/commits/main`,
			sandbox.tokens.repoRead,
		);
		const [first] = page.body.values as {hash: string; author: {raw: string; user?: unknown}}[];
		expect(first?.hash).toBe(pushed);
		expect(first?.author.raw).toBe(`Sandbox Test <sandbox-test@example.invalid>`);
	});

	it('pushes a new branch with a project token and serves it over protocol v2', async () => {
		const dir = target();
		await git(['clone', '--quiet', widgetUrl(), dir], {home, token: sandbox.tokens.projectWrite});
		await git(['switch', '--quiet', '-c', 'topic/v2'], {cwd: dir, home});
		await git(['commit', '--quiet', '--allow-empty', '-m', 'On a topic'], {cwd: dir, home});
		await git(['push', '--quiet', 'origin', 'topic/v2'], {
			cwd: dir,
			home,
			token: sandbox.tokens.projectWrite,
		});

		const refs = await git(
			['-c', 'protocol.version=2', 'ls-remote', widgetUrl(), 'refs/heads/topic/*'],
			{
				home,
				token: sandbox.tokens.workspaceRead,
			},
		);
		expect(refs).toBe(`${await git(['rev-parse', 'HEAD'], {cwd: dir, home})}\trefs/heads/topic/v2`);
		const branch = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/widget/refs/branches/topic/v2`,
			sandbox.tokens.projectWrite,
		);
		expect(branch.status).toBe(200);
		expect(branch.body.name).toBe('topic/v2');
	});

	it('passes gzip request bodies through (Content-Encoding), as long fetch negotiations send', async () => {
		const dir = target();
		await git(['clone', '--quiet', widgetUrl(), dir], {home, token: sandbox.tokens.repoRead});
		// 300 local commits newer than the seed and unknown to the server: git sends many `have` lines, gzipped.
		const stream = Array.from(
			{length: 300},
			(_, index) =>
				`commit refs/heads/noise\ncommitter Noise <noise@example.invalid> ${1_800_000_000 + index} +0000\ndata 9\nnoise ${String(index).padStart(3, '0')}\n${index === 0 ? 'from refs/heads/main^0\n' : ''}\n`,
		).join('');
		await git(['fast-import', '--quiet'], {cwd: dir, home, input: stream});
		const writer = target();
		await git(['clone', '--quiet', widgetUrl(), writer], {home, token: sandbox.tokens.repoWrite});
		await git(['commit', '--quiet', '--allow-empty', '-m', 'Fetched after a long negotiation'], {
			cwd: writer,
			home,
		});
		await git(['push', '--quiet', 'origin', 'HEAD:refs/heads/negotiation'], {
			cwd: writer,
			home,
			token: sandbox.tokens.repoWrite,
		});

		const fetched = await runGit(['-c', 'protocol.version=0', 'fetch', 'origin', 'negotiation'], {
			cwd: dir,
			home,
			token: sandbox.tokens.repoRead,
			trace: true,
		});
		expect(fetched.code, fetched.stderr).toBe(0);
		expect(fetched.stderr).toContain('Content-Encoding: gzip');
		expect(fetched.stderr).not.toContain(
			Buffer.from(`x-token-auth:${sandbox.tokens.repoRead}`).toString('base64'),
		);
		expect(await git(['rev-parse', 'FETCH_HEAD'], {cwd: dir, home})).toBe(
			await git(['rev-parse', 'HEAD'], {cwd: writer, home}),
		);
	});

	it('answers the web links: commit pages, and the access-tokens page with bot emails but no token', async () => {
		const commits = await apiGet(
			`${sandbox.apiUrl}/repositories/acme/widget/commits/main`,
			sandbox.tokens.repoRead,
		);
		const [first] = commits.body.values as {links: {html: {href: string}}}[];
		const commitPage = await fetch(first?.links.html.href ?? '');
		expect(commitPage.status).toBe(200);
		expect(commitPage.headers.get('content-type')).toContain('text/html');

		const admin = await (await fetch(`${sandbox.gitUrl}/acme/widget/admin/access-tokens`)).text();
		for (const name of ['repoWrite', 'repoRead', 'projectWrite', 'workspaceRead'] as const) {
			expect(admin).toContain(sandbox.botEmails[name]);
		}

		expect(admin).not.toContain(sandbox.botEmails.otherRepo);
		expectNoToken(admin);
		expect((await fetch(`${sandbox.gitUrl}/acme/nothing/commits`)).status).toBe(404);
	});

	it('logs git requests with the server and whether credentials came along', () => {
		const gitRequests = sandbox.requests.filter((request) => request.server === 'git');
		expect(gitRequests.some((request) => request.authorized)).toBe(true);
		expect(gitRequests.some((request) => !request.authorized)).toBe(true);
		expect(gitRequests.every((request) => request.url.startsWith('/'))).toBe(true);
	});
});
