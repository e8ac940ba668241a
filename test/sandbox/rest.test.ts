import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type Sandbox, type SandboxTokenName, startSandbox} from '../../source/sandbox/index.js';
import {apiGet, git, temporaryDirectory} from './helpers.js';

type Commit = {
	hash: string;
	date: string;
	message: string;
	author: {raw: string; type: string; user?: {display_name: string}};
	summary: {raw: string};
	parents: {hash: string; type: string}[];
	links: {html: {href: string}};
};
type Page<T> = {values: T[]; pagelen: number; size?: number; page?: number; next?: string};

let sandbox: Sandbox;
let scratch: {path: string; remove: () => Promise<void>};
const bare = () => sandbox.gitDirOf('acme', 'widget');
const local = (args: string[]) => git(['--git-dir', bare(), ...args], {home: scratch.path});

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	scratch = await temporaryDirectory('bbtok-sandbox-rest-');
});

afterAll(async () => {
	await sandbox?.close();
	await scratch?.remove();
});

const api = (path: string, token: SandboxTokenName | undefined = 'repoRead') =>
	apiGet(`${sandbox.apiUrl}${path}`, token === undefined ? undefined : sandbox.tokens[token]);

describe('repository access per token kind', () => {
	it('serves acme/widget to every token that reaches it', async () => {
		for (const name of ['repoWrite', 'repoRead', 'projectWrite', 'workspaceRead'] as const) {
			const response = await api('/repositories/acme/widget', name);
			expect(response.status, name).toBe(200);
			expect(response.body).toMatchObject({
				type: 'repository',
				full_name: 'acme/widget',
				is_private: true,
				mainbranch: {type: 'branch', name: 'main'},
				project: {type: 'project', key: 'TOOLS'},
				links: {clone: [{name: 'https', href: `${sandbox.gitUrl}/acme/widget.git`}]},
			});
		}
	});

	it("reports the size of the repository's objects, as Bitbucket does", async () => {
		const response = await api('/repositories/acme/widget');
		const counted = await local(['count-objects', '-v']);
		const kib = (key: string) => Number(new RegExp(`^${key}: (\\d+)$`, 'm').exec(counted)?.[1]);
		expect((response.body as {size: number}).size).toBe((kib('size') + kib('size-pack')) * 1024);
		expect((response.body as {size: number}).size).toBeGreaterThan(10_000);
	});

	it('answers 404 in Bitbucket format for a repository out of reach, or unknown', async () => {
		for (const [path, name] of [
			['/repositories/acme/widget', 'otherRepo'],
			['/repositories/acme/website', 'projectWrite'],
			['/repositories/other/private-repo', 'workspaceRead'],
			['/repositories/acme/nothing-here', 'workspaceRead'],
		] as const) {
			const response = await api(path, name);
			expect(response.status, `${path} ${name}`).toBe(404);
			expect(response.body).toEqual({
				type: 'error',
				error: {message: expect.stringContaining('may not have access')},
			});
		}
	});

	it('serves the public acme/gadget anonymously, and answers 404 for private ones', async () => {
		expect((await apiGet(`${sandbox.apiUrl}/repositories/acme/gadget`)).status).toBe(200);
		const anonymous = await apiGet(`${sandbox.apiUrl}/repositories/acme/widget`);
		expect(anonymous.status).toBe(404);
		expect(anonymous.body).toMatchObject({type: 'error'});
	});

	it('answers 403 with granted and required scopes for a token without the repository scope', async () => {
		const response = await api('/repositories/acme/widget', 'repoNoScope');
		expect(response.status).toBe(403);
		expect(response.body).toEqual({
			type: 'error',
			error: {
				message: 'Your credentials lack one or more required privilege scopes.',
				detail: {granted: ['pullrequest'], required: ['repository']},
			},
		});
	});

	it('answers 401 to a revoked or unknown token, and to any access token on /user', async () => {
		const revoked = await api('/repositories/acme/widget', 'revoked');
		expect(revoked.status).toBe(401);
		expect(revoked.body).toEqual({
			type: 'error',
			error: {message: 'Token is invalid, expired, or not supported for this endpoint.'},
		});
		expect(
			(await apiGet(`${sandbox.apiUrl}/repositories/acme/widget`, 'ATCTT3xFfGN0nope=12345678'))
				.status,
		).toBe(401);
		for (const name of ['repoWrite', 'workspaceRead'] as const) {
			expect((await api('/user', name)).status).toBe(401);
		}
	});

	it('lists the repositories of a workspace the token can see', async () => {
		const slugs = async (name: SandboxTokenName) =>
			((await api('/repositories/acme', name)).body as Page<{slug: string}>).values.map(
				(repository) => repository.slug,
			);
		expect(await slugs('workspaceRead')).toEqual(['gadget', 'website', 'widget']);
		expect(await slugs('projectWrite')).toEqual(['gadget', 'widget']);
		// acme/gadget is public: every valid token sees it.
		expect(await slugs('otherRepo')).toEqual(['gadget']);
		expect((await api('/repositories/nowhere', 'workspaceRead')).status).toBe(404);
	});
});

describe('commits', () => {
	it('pages through main in `git rev-list main` order, following opaque next links', async () => {
		const expected = (await local(['rev-list', 'main'])).split('\n');
		const seen: string[] = [];
		let url: string | undefined =
			`${sandbox.apiUrl}/repositories/acme/widget/commits/main?pagelen=100`;
		let pages = 0;
		while (url !== undefined) {
			const response = await apiGet(url, sandbox.tokens.repoRead);
			expect(response.status).toBe(200);
			const page = response.body as Page<Commit>;
			expect(page.pagelen).toBe(100);
			seen.push(...page.values.map((commit) => commit.hash));
			url = page.next;
			if (url !== undefined) {
				expect(new URL(url).searchParams.get('page')).not.toMatch(/^\d+$/);
			}

			pages++;
		}

		expect(seen).toEqual(expected);
		expect(pages).toBe(Math.ceil(expected.length / 100));
	});

	it('describes each commit like Bitbucket: author, summary, parents, html link on the git origin', async () => {
		const page = (await api('/repositories/acme/widget/commits/develop')).body as Page<Commit>;
		expect(page.pagelen).toBe(30);
		expect(page.values).toHaveLength(30);
		const [first] = page.values;
		const hash = await local(['rev-parse', 'develop']);
		expect(first).toMatchObject({
			type: 'commit',
			hash,
			date: await local(['log', '-1', '--format=%aI', 'develop']),
			message: `${await local(['log', '-1', '--format=%B', 'develop'])}\n`,
			author: {type: 'author', raw: await local(['log', '-1', '--format=%an <%ae>', 'develop'])},
			parents: [{type: 'commit', hash: await local(['rev-parse', 'develop^'])}],
			links: {html: {href: `${sandbox.gitUrl}/acme/widget/commits/${hash}`}},
		});
		expect(first?.summary.raw).toBe(first?.message);
	});

	it('marks the bot account on commits authored with the repoWrite bot email', async () => {
		const all: Commit[] = [];
		let url: string | undefined =
			`${sandbox.apiUrl}/repositories/acme/widget/commits/main?pagelen=100`;
		while (url !== undefined) {
			const page: Page<Commit> = (await apiGet(url, sandbox.tokens.repoRead)).body as Page<Commit>;
			all.push(...page.values);
			url = page.next;
		}

		const byBot = all.filter((commit) =>
			commit.author.raw.endsWith(`<${sandbox.botEmails.repoWrite}>`),
		);
		expect(byBot.length).toBeGreaterThanOrEqual(3);
		expect(byBot[0]?.author.raw).toBe(`widget-ci <${sandbox.botEmails.repoWrite}>`);
		expect(byBot[0]?.author.user?.display_name).toBe('widget-ci');
		expect(all.some((commit) => commit.parents.length === 2)).toBe(true);
		expect(all.some((commit) => commit.author.user === undefined)).toBe(true);
	});

	it('filters with include and exclude, and lists every branch and tag without a revision', async () => {
		const onlyLogin = (await local(['rev-list', 'feature/login', '^develop'])).split('\n');
		const page = (
			await api('/repositories/acme/widget/commits/feature%2Flogin?exclude=develop&pagelen=100')
		).body as Page<Commit>;
		expect(page.values.map((commit) => commit.hash)).toEqual(onlyLogin);
		expect(page.next).toBeUndefined();

		const both = (
			await api(
				'/repositories/acme/widget/commits?include=main&include=develop&exclude=v2.0&pagelen=100',
			)
		).body as Page<Commit>;
		expect(both.values.map((commit) => commit.hash)).toEqual(
			(await local(['rev-list', 'main', 'develop', '^v2.0'])).split('\n'),
		);

		const everything = (await api('/repositories/acme/widget/commits?pagelen=10'))
			.body as Page<Commit>;
		expect(everything.values[0]?.hash).toBe(await local(['rev-list', '--all', '-1']));
	});

	it('returns one commit by full or abbreviated hash, and 404 for an unknown one', async () => {
		const hash = await local(['rev-parse', 'v1.0']);
		const full = await api(`/repositories/acme/widget/commit/${hash}`);
		expect(full.status).toBe(200);
		expect(full.body.hash).toBe(hash);
		expect((await api(`/repositories/acme/widget/commit/${hash.slice(0, 8)}`)).body.hash).toBe(
			hash,
		);
		const missing = await api('/repositories/acme/widget/commit/0123456789abcdef');
		expect(missing.status).toBe(404);
		expect(missing.body.type).toBe('error');
	});

	it('refuses a pagelen outside 10..100 and a forged page cursor with 400', async () => {
		for (const query of ['pagelen=5', 'pagelen=101', 'pagelen=abc', 'page=forged']) {
			const response = await api(`/repositories/acme/widget/commits/main?${query}`);
			expect(response.status, query).toBe(400);
			expect(response.body).toMatchObject({type: 'error', error: {message: expect.any(String)}});
		}
	});
});

describe('diffstat and refs', () => {
	it('diffs a commit against its first parent, including the binary logo', async () => {
		const hash = await local(['log', '-1', '--format=%H', '--', 'assets/logo.png']);
		const page = (await api(`/repositories/acme/widget/diffstat/${hash}`)).body as Page<
			Record<string, unknown>
		>;
		expect(page.values).toEqual([
			expect.objectContaining({
				type: 'diffstat',
				status: 'modified',
				lines_added: 0,
				lines_removed: 0,
				old: expect.objectContaining({path: 'assets/logo.png', attributes: 'binary'}),
				new: expect.objectContaining({path: 'assets/logo.png', attributes: 'binary'}),
			}),
		]);

		const root = await local(['rev-list', '--max-parents=0', 'main']);
		const initial = (await api(`/repositories/acme/widget/diffstat/${root}`)).body as Page<{
			status: string;
			old?: unknown;
		}>;
		expect(initial.values.length).toBeGreaterThan(1);
		expect(
			initial.values.every((entry) => entry.status === 'added' && entry.old === undefined),
		).toBe(true);
	});

	it('reports a pushed rename with both paths, and a deletion without `new`', async () => {
		const home = scratch.path;
		const dir = `${scratch.path}/rename`;
		await git(['clone', '--quiet', `${sandbox.gitUrl}/acme/widget.git`, dir], {
			home,
			token: sandbox.tokens.repoWrite,
		});
		await git(['mv', 'src/core/springs.ts', 'src/core/coil springs.ts'], {cwd: dir, home});
		await git(['rm', '--quiet', 'src/index.ts'], {cwd: dir, home});
		await git(['commit', '--quiet', '-m', 'Rename springs, drop the index'], {cwd: dir, home});
		await git(['push', '--quiet', 'origin', 'HEAD:refs/heads/renames'], {
			cwd: dir,
			home,
			token: sandbox.tokens.repoWrite,
		});

		const page = (await api('/repositories/acme/widget/diffstat/renames')).body as Page<{
			status: string;
			old?: {path: string};
			new?: {path: string};
		}>;
		expect(page.values).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					status: 'renamed',
					old: expect.objectContaining({path: 'src/core/springs.ts'}),
					new: expect.objectContaining({path: 'src/core/coil springs.ts'}),
				}),
				expect.objectContaining({
					status: 'removed',
					old: expect.objectContaining({path: 'src/index.ts'}),
				}),
			]),
		);
		expect(page.values.find((entry) => entry.status === 'removed')?.new).toBeUndefined();
		expect(page.values).toHaveLength(2);
	});

	it('diffs a source..destination spec from their merge base, like Bitbucket', async () => {
		const page = (await api('/repositories/acme/widget/diffstat/feature%2Flogin..main'))
			.body as Page<{
			new: {path: string};
			lines_added: number;
		}>;
		const expected = await local(['diff', '--numstat', 'main...feature/login']);
		expect(
			page.values.map((entry) => `${entry.lines_added}\t0\t${entry.new.path}`).join('\n'),
		).toBe(expected);
	});

	it('lists branches with their target commit, and tags', async () => {
		const branches = (await api('/repositories/acme/widget/refs/branches')).body as Page<{
			name: string;
			type: string;
			target: {hash: string; date: string};
		}>;
		const names = branches.values.map((branch) => branch.name);
		expect(names).toEqual(expect.arrayContaining(['develop', 'feature/login', 'main']));
		const main = branches.values.find((branch) => branch.name === 'main');
		expect(main?.type).toBe('branch');
		expect(main?.target.hash).toBe(await local(['rev-parse', 'main']));
		expect(main?.target.date).toBe(await local(['log', '-1', '--format=%aI', 'main']));

		const tags = (await api('/repositories/acme/widget/refs/tags')).body as Page<{
			name: string;
			target: {hash: string};
			message?: string;
		}>;
		expect(tags.values.map((tag) => tag.name)).toEqual(['v1.0', 'v2.0']);
		expect(tags.values[1]?.target.hash).toBe(await local(['rev-parse', 'v2.0^{commit}']));
		expect(tags.values[1]?.message).toContain('widget 2.0');
	});

	it('pages numbered lists with size, page, next and previous, and sees new refs at once', async () => {
		for (let index = 0; index < 12; index++) {
			await local(['branch', `release/${String(index).padStart(2, '0')}`, 'v1.0']);
		}

		const expected = (
			await local(['for-each-ref', '--format=%(refname:strip=2)', 'refs/heads'])
		).split('\n');
		expect(expected.length).toBeGreaterThan(10);
		expect(expected.length).toBeLessThanOrEqual(20);
		const first = (await api('/repositories/acme/widget/refs/branches?pagelen=10')).body as Page<{
			name: string;
		}>;
		expect(first).toMatchObject({pagelen: 10, page: 1, size: expected.length});
		expect(first.values).toHaveLength(10);
		const second = (await apiGet(first.next ?? '', sandbox.tokens.repoRead)).body as Page<{
			name: string;
		}> & {
			previous?: string;
		};
		expect(second).toMatchObject({pagelen: 10, page: 2, size: expected.length});
		expect(second.next).toBeUndefined();
		expect(second.previous).toBeDefined();
		expect([...first.values, ...second.values].map((branch) => branch.name).sort()).toEqual(
			expected.sort(),
		);
	});
});

describe('rate limit', () => {
	it('counts requests per token, flags the last 5% and answers 429 with Retry-After', async () => {
		const fresh = await startSandbox({env: process.env, rateLimit: {limit: 20}});
		try {
			const get = (name: SandboxTokenName) =>
				apiGet(`${fresh.apiUrl}/repositories/acme/widget`, fresh.tokens[name]);
			const flags: string[] = [];
			for (let index = 0; index < 20; index++) {
				const response = await get('repoRead');
				expect(response.status).toBe(200);
				expect(response.headers.get('x-ratelimit-limit')).toBe('20');
				expect(response.headers.get('x-ratelimit-resource')).toBeTruthy();
				flags.push(response.headers.get('x-ratelimit-nearlimit') ?? '');
			}

			expect(flags.slice(0, 19).every((flag) => flag === 'false')).toBe(true);
			expect(flags[19]).toBe('true');
			const limited = await get('repoRead');
			expect(limited.status).toBe(429);
			expect(limited.body).toEqual({
				type: 'error',
				error: {message: 'Rate limit for this resource has been exceeded.'},
			});
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
			// Another token has its own budget.
			expect((await get('repoWrite')).status).toBe(200);
		} finally {
			await fresh.close();
		}
	});
});
