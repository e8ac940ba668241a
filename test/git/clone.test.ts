import {chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	AuthError,
	BbtokError,
	ExitCode,
	InterruptedError,
	NetworkError,
	NotFoundError,
	UsageError,
} from '../../source/core/errors.js';
import {registerSecret} from '../../source/core/redaction.js';
import {type CloneOptions, type CloneProgress, cloneRepository} from '../../source/git/clone.js';
import {setLocalIdentity} from '../../source/git/identity.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {testDispatcher} from '../helpers/dispatcher.js';
import {createNativeGit, exists, filesContaining, type NativeGit} from './native-git.js';

const widget = {workspace: 'acme', repo: 'widget'};
const emptyRef = {workspace: 'acme', repo: 'empty'};
let sandbox: Sandbox;
let git: NativeGit;
let root: string;
let askpass: string;
/** Every error the clones below produced, checked for tokens at the end. */
const failures: BbtokError[] = [];

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'bbtok-clone-'));
	git = await createNativeGit();
	const emptyBare = path.join(root, 'empty.git');
	await git(['init', '-q', '--bare', emptyBare]);
	sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [{workspace: 'acme', slug: 'empty', gitDir: emptyBare, project: 'TOOLS'}],
	});
	for (const token of Object.values(sandbox.tokens)) {
		registerSecret(token);
	}

	// What a person's credential helper or password prompt does in prompt mode.
	askpass = path.join(root, 'askpass.sh');
	await writeFile(askpass, '#!/bin/sh\nprintf "%s\\n" "$BBTOK_TEST_TOKEN"\n');
	await chmod(askpass, 0o755);
});

afterAll(async () => {
	await sandbox?.close();
	await git?.dispose();
	await rm(root, {recursive: true, force: true});
});

let targets = 0;
function newTarget(): string {
	targets += 1;
	return path.join(root, `clone-${targets}`);
}

function clone(options: Partial<CloneOptions> & {dir: string}) {
	return cloneRepository({
		dispatcher: testDispatcher,
		gitUrl: sandbox.gitUrl,
		ref: widget,
		token: sandbox.tokens.repoWrite,
		auth: 'prompt',
		...options,
	});
}

async function cloneFailure(options: Partial<CloneOptions> & {dir: string}): Promise<BbtokError> {
	const error = await clone(options).then(
		() => undefined,
		(error: unknown) => error,
	);
	expect(error).toBeInstanceOf(BbtokError);
	failures.push(error as BbtokError);
	return error as BbtokError;
}

const bare = () => sandbox.gitDirOf('acme', 'widget');

async function expectHealthyClone(dir: string, branch: string): Promise<void> {
	await git(['fsck', '--full', '--no-progress'], {cwd: dir});
	expect(await git(['status', '--porcelain'], {cwd: dir})).toBe('');
	expect(await git(['rev-parse', 'HEAD^{tree}'], {cwd: dir})).toBe(
		await git(['rev-parse', `${branch}^{tree}`], {cwd: bare()}),
	);
	expect(await git(['symbolic-ref', '--short', 'HEAD'], {cwd: dir})).toBe(branch);
	expect(await git(['rev-parse', '--abbrev-ref', '@{upstream}'], {cwd: dir})).toBe(
		`origin/${branch}`,
	);
}

describe('cloneRepository', () => {
	it('clones acme/widget so native git sees a complete, clean clone of main', async () => {
		const dir = newTarget();
		const progress: CloneProgress[] = [];
		const result = await clone({dir, onProgress: (p) => progress.push(p)});

		expect(result).toEqual({
			dir,
			branch: 'main',
			head: await git(['rev-parse', 'main'], {cwd: bare()}),
		});
		await expectHealthyClone(dir, 'main');
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir})).toBe(
			await git(['rev-list', '--count', 'main'], {cwd: bare()}),
		);
		expect(await git(['symbolic-ref', 'refs/remotes/origin/HEAD'], {cwd: dir})).toBe(
			'refs/remotes/origin/main',
		);

		// What native `git init` would have written on this Linux filesystem.
		expect(await git(['config', '--local', 'core.filemode'], {cwd: dir})).toBe('true');
		const core = await git(['config', '--local', '--get-regexp', '^core\\.'], {cwd: dir});
		expect(core).not.toMatch(/core\.(symlinks|ignorecase)/);

		const phases = new Set(progress.map((p) => p.phase));
		for (const phase of ['Indexing objects', 'Resolving deltas', 'Updating files']) {
			expect(phases).toContain(phase);
		}

		const bytes = progress.map((p) => p.bytes);
		expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
		expect(bytes.at(-1)).toBeGreaterThan(10_000);
		expect(progress.at(-1)?.elapsedMs).toBeGreaterThan(0);
	});

	it('writes the .git/config native git clone writes, byte for byte', async () => {
		const ours = newTarget();
		const native = newTarget();
		await clone({dir: ours, branch: 'develop', depth: 3});
		const remoteUrl = await git(['remote', 'get-url', 'origin'], {cwd: ours});
		await git(['clone', '-q', '--depth', '3', '--branch', 'develop', remoteUrl, native], {
			env: {GIT_ASKPASS: askpass, BBTOK_TEST_TOKEN: sandbox.tokens.repoWrite},
		});
		expect(await readFile(path.join(ours, '.git', 'config'), 'utf8')).toBe(
			await readFile(path.join(native, '.git', 'config'), 'utf8'),
		);
		expect((await stat(path.join(ours, '.git', 'config'))).mode & 0o777).toBe(0o644);
	});

	it('prompt mode stores the token nowhere, and native git pushes as the bot via askpass', async () => {
		const dir = newTarget();
		const token = sandbox.tokens.repoWrite;
		await clone({dir, auth: 'prompt'});
		await setLocalIdentity(dir, {email: sandbox.botEmails.repoWrite, name: 'Widget Bot'});

		const remote = await git(['remote', 'get-url', 'origin'], {cwd: dir});
		expect(remote).toBe(`${sandbox.gitUrl.replace('://', '://x-token-auth@')}/acme/widget.git`);
		expect(await filesContaining(dir, token)).toEqual([]);

		const pushed = await commitAndPush(dir, {GIT_ASKPASS: askpass, BBTOK_TEST_TOKEN: token});
		expect(await filesContaining(dir, token)).toEqual([]);
		expect(await git(['log', '-1', '--format=%H %an <%ae>', 'main'], {cwd: bare()})).toBe(
			`${pushed} Widget Bot <${sandbox.botEmails.repoWrite}>`,
		);
		expect(
			await git(['pull', '--ff-only'], {
				cwd: dir,
				env: {GIT_ASKPASS: askpass, BBTOK_TEST_TOKEN: token},
			}),
		).toMatch(/up to date/i);
	});

	it('embed mode keeps the token in .git/config only, and native git pushes with it alone', async () => {
		const dir = newTarget();
		const token = sandbox.tokens.repoWrite;
		await clone({dir, auth: 'embed'});
		await setLocalIdentity(dir, {email: sandbox.botEmails.repoWrite, name: 'Widget Bot'});

		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
			`${sandbox.gitUrl.replace('://', `://x-token-auth:${token}@`)}/acme/widget.git`,
		);
		expect(await filesContaining(dir, token)).toEqual([path.join('.git', 'config')]);
		expect((await stat(path.join(dir, '.git', 'config'))).mode & 0o777).toBe(0o600);

		const pushed = await commitAndPush(dir, {});
		expect(await filesContaining(dir, token)).toEqual([path.join('.git', 'config')]);
		expect(await git(['log', '-1', '--format=%H %ae', 'main'], {cwd: bare()})).toBe(
			`${pushed} ${sandbox.botEmails.repoWrite}`,
		);
		await expectHealthyClone(dir, 'main');
	});

	it('brings the refs native git clone brings: every branch and the tags, or one branch when shallow', async () => {
		const refsOf = (dir: string) =>
			git(['for-each-ref', '--format=%(refname) %(objectname)'], {cwd: dir});
		const env = {GIT_ASKPASS: askpass, BBTOK_TEST_TOKEN: sandbox.tokens.repoRead};
		for (const depth of [undefined, 2]) {
			const ours = newTarget();
			const native = newTarget();
			await clone({dir: ours, ...(depth ? {depth} : {})});
			const remoteUrl = await git(['remote', 'get-url', 'origin'], {cwd: ours});
			const shallow = depth ? ['--depth', String(depth)] : [];
			await git(['clone', '-q', ...shallow, remoteUrl, native], {env});
			const refs = await refsOf(ours);
			expect(refs).toBe(await refsOf(native));
			expect(refs.includes('refs/tags/')).toBe(depth === undefined);
			expect(refs.includes('refs/remotes/origin/develop')).toBe(depth === undefined);
		}
	});

	it('makes a shallow clone of the requested depth that native git can pull into', async () => {
		const dir = newTarget();
		await clone({dir, depth: 5});
		expect(await git(['rev-list', '--count', 'HEAD'], {cwd: dir})).toBe('5');
		expect(await git(['rev-parse', '--is-shallow-repository'], {cwd: dir})).toBe('true');
		await expectHealthyClone(dir, 'main');
		expect(await git(['config', '--local', '--get-all', 'remote.origin.fetch'], {cwd: dir})).toBe(
			'+refs/heads/main:refs/remotes/origin/main',
		);
		await git(['pull', '--ff-only', '--quiet'], {
			cwd: dir,
			env: {GIT_ASKPASS: askpass, BBTOK_TEST_TOKEN: sandbox.tokens.repoRead},
		});
	});

	it('checks out the requested branch', async () => {
		const dir = newTarget();
		const result = await clone({dir, branch: 'develop', token: sandbox.tokens.repoRead});
		expect(result.branch).toBe('develop');
		expect(result.head).toBe(await git(['rev-parse', 'develop'], {cwd: bare()}));
		await expectHealthyClone(dir, 'develop');
	});

	it('prepares the first push into an empty repository', async () => {
		const dir = newTarget();
		const result = await clone({
			dir,
			ref: emptyRef,
			token: sandbox.tokens.projectWrite,
			auth: 'embed',
		});
		expect(result).toEqual({dir, branch: 'main', head: ''});
		await setLocalIdentity(dir, {email: sandbox.botEmails.projectWrite, name: 'Tools Bot'});
		const pushed = await commitAndPush(dir, {});
		expect(await git(['rev-parse', 'main'], {cwd: sandbox.gitDirOf('acme', 'empty')})).toBe(pushed);
	});

	it('refuses a non-empty target before contacting the server, touching nothing', async () => {
		const dir = newTarget();
		await mkdir(dir);
		await writeFile(path.join(dir, 'notes.txt'), 'mine');
		const before = await stat(path.join(dir, 'notes.txt'));
		const requests = sandbox.requests.length;

		const error = await cloneFailure({dir});
		expect(error).toBeInstanceOf(UsageError);
		expect(error.exitCode).toBe(ExitCode.usage);
		expect(error.message).toContain(dir);
		expect(await readdir(dir)).toEqual(['notes.txt']);
		expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
		expect((await stat(path.join(dir, 'notes.txt'))).mtimeMs).toBe(before.mtimeMs);
		expect(sandbox.requests.length).toBe(requests);

		const file = path.join(dir, 'notes.txt');
		const notADirectory = await cloneFailure({dir: file});
		expect(notADirectory).toBeInstanceOf(UsageError);
		expect(notADirectory.message).toContain('not a directory');
		expect(await readFile(file, 'utf8')).toBe('mine');
	});

	it('reports a revoked token as AuthError (exit 3) and leaves no directory', async () => {
		const dir = path.join(newTarget(), 'nested', 'target');
		const error = await cloneFailure({dir, token: sandbox.tokens.revoked});
		expect(error).toBeInstanceOf(AuthError);
		expect(error.exitCode).toBe(ExitCode.auth);
		expect(await exists(path.dirname(path.dirname(dir)))).toBe(false);
	});

	it('reports a token lacking the repository scope, and an unreachable repository', async () => {
		const scope = await cloneFailure({dir: newTarget(), token: sandbox.tokens.repoNoScope});
		expect(scope).toBeInstanceOf(AuthError);
		expect((scope as AuthError).required).toEqual(['repository']);

		const missing = await cloneFailure({dir: newTarget(), token: sandbox.tokens.otherRepo});
		expect(missing).toBeInstanceOf(NotFoundError);
		expect(missing.exitCode).toBe(ExitCode.notFound);
	});

	it('refuses a branch that does not exist, as bad input', async () => {
		const dir = newTarget();
		const error = await cloneFailure({dir, branch: 'no-such-branch'});
		expect(error).toBeInstanceOf(UsageError);
		expect(error.message).toContain('no-such-branch');
		expect(await exists(dir)).toBe(false);
	});

	it('reports a connection cut mid-pack as NetworkError (exit 5) and leaves no directory', async () => {
		const dir = newTarget();
		sandbox.setFaults({cutPackAfterBytes: 16_000});
		try {
			const error = await cloneFailure({dir});
			expect(error).toBeInstanceOf(NetworkError);
			expect(error.exitCode).toBe(ExitCode.network);
		} finally {
			sandbox.setFaults({});
		}

		expect(await exists(dir)).toBe(false);
	});

	it('keeps a pre-existing empty target, still empty, after a failure', async () => {
		const dir = newTarget();
		await mkdir(dir);
		sandbox.setFaults({cutPackAfterBytes: 16_000});
		try {
			expect(await cloneFailure({dir})).toBeInstanceOf(NetworkError);
		} finally {
			sandbox.setFaults({});
		}

		expect(await readdir(dir)).toEqual([]);
	});

	it.each([
		['while the server streams the pack', 'Counting objects'],
		['while the pack is indexed', 'Indexing objects'],
		['while files are written', 'Updating files'],
	])('stops on abort %s, removing everything it wrote', async (_when, phase) => {
		for (const preExisting of [false, true]) {
			const dir = newTarget();
			if (preExisting) {
				await mkdir(dir);
			}

			const controller = new AbortController();
			const seen: string[] = [];
			const error = await cloneFailure({
				dir,
				signal: controller.signal,
				onProgress(progress) {
					seen.push(progress.phase);
					if (progress.phase === phase) {
						controller.abort();
					}
				},
			});
			expect(seen).toContain(phase);
			expect(error).toBeInstanceOf(InterruptedError);
			expect(error.exitCode).toBe(ExitCode.interrupted);
			expect(await readdir(dir).catch(() => 'absent')).toEqual(preExisting ? [] : 'absent');
		}
	});

	it('never puts a token in an error message, hint or stack', () => {
		expect(failures.length).toBeGreaterThanOrEqual(10);
		for (const failure of failures) {
			const text = `${failure.message}\n${failure.hint}\n${failure.stack}`;
			expect(text.split('\n', 1)[0]).toBe(failure.message);
			for (const token of Object.values(sandbox.tokens)) {
				expect(text).not.toContain(token);
			}
		}
	});
});

/** A new commit on the current branch, pushed with native git; resolves with its hash. */
async function commitAndPush(dir: string, env: NodeJS.ProcessEnv): Promise<string> {
	await writeFile(path.join(dir, `bot-${Date.now()}.txt`), 'pushed by the bot\n');
	await git(['add', '-A'], {cwd: dir});
	await git(['commit', '-q', '-m', 'Change pushed with the access token'], {cwd: dir});
	await git(['push', '--quiet'], {cwd: dir, env});
	return git(['rev-parse', 'HEAD'], {cwd: dir});
}
