/**
 * A folder of clones with every way a Bitbucket remote can authenticate, made by the real git
 * CLI: an app password in the URL, a user API token, an embedded access token, the prompt
 * form, a helper scoped to the URL, SSH, an account name left to a credential file, a
 * non-Bitbucket remote, a repository the token cannot see, one inside node_modules, a
 * symlink loop, a linked worktree, a submodule, and git's two credential files.
 * The helper clone's helper is git's credential-cache on a socket inside the tree, so a run
 * that rotates its token starts a daemon only this tree uses (stopCacheDaemons ends them).
 */
import {execFile} from 'node:child_process';
import {mkdir, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {promisify} from 'node:util';
import {git} from '../fix-remote/git-fixtures.js';

const sockets: string[] = [];

/** Ends the credential-cache daemons the trees' helper clones may have started. */
export async function stopCacheDaemons(): Promise<void> {
	const run = promisify(execFile);
	await Promise.all(
		sockets
			.splice(0)
			.map((socket) =>
				run('git', ['credential-cache', '--socket', socket, 'exit']).catch(() => undefined),
			),
	);
}

/** Fake secrets of each kind; tests grep every output for each. */
export const secrets = {
	appPassword: 'ATBBq7Kx2mVnT9sLpW4eRz',
	appPasswordStored: 'ATBBs3cr3tStoredAppPw9',
	accountPassword: 'hunter2-correct-horse',
	apiToken: 'ATATT3xFfGF0apiTokenSecret=ABCD1234',
	embeddedToken: 'ATCTT3xFfGN0embeddedAccess=EFGH5678',
	storedToken: 'ATCTT3xFfGN0storedAccessTok=IJKL9012',
} as const;

export type Tree = {
	readonly root: string;
	readonly home: string;
	/** Absolute paths by name. */
	readonly clones: Readonly<Record<string, string>>;
	readonly credentialFile: string;
	readonly xdgCredentialFile: string;
	/** The helper clone's scoped helper: credential-cache on its own socket. */
	readonly helper: string;
};

/** `base` is the git host base (https://bitbucket.org, or a sandbox's http://127.0.0.1:PORT). */
export async function buildTree(parent: string, base: string): Promise<Tree> {
	const root = path.join(parent, 'src');
	const home = path.join(parent, 'home');
	const host = base.replace(/^[a-z]+:\/\//, '');
	const scheme = base.slice(0, base.indexOf('://') + 3);
	const url = (userinfo: string, repo: string) =>
		`${scheme}${userinfo === '' ? '' : `${userinfo}@`}${host}/${repo}.git`;
	const hostname = new URL(base).hostname;
	const clones: Record<string, string> = {};
	const make = async (name: string, remotes: Record<string, string>) => {
		const dir = path.join(root, name);
		await mkdir(dir, {recursive: true});
		await git(dir, ['init', '-q', '-b', 'main', '.']);
		await git(dir, ['commit', '-q', '--allow-empty', '-m', 'initial']);
		for (const [remote, remoteUrl] of Object.entries(remotes)) {
			await git(dir, ['remote', 'add', remote, remoteUrl]);
		}

		clones[name] = dir;
		return dir;
	};

	const widget = await make('app-password', {
		origin: url(`jo:${secrets.appPassword}`, 'acme/widget'),
	});
	await make('api-token', {
		origin: url(`x-bitbucket-api-token-auth:${secrets.apiToken}`, 'acme/gadget'),
	});
	await make('team/embedded', {
		origin: url(`x-token-auth:${secrets.embeddedToken}`, 'acme/website'),
	});
	const prompt = await make('team/prompt', {origin: url('x-token-auth', 'acme/gadget')});
	const helper = await make('helper', {origin: url('x-token-auth', 'acme/widget')});
	const scoped = `credential.${url('', 'acme/widget')}.helper`;
	// credential-cache refuses a socket folder others can read.
	const socketDir = path.join(home, '.cache-helper');
	await mkdir(socketDir, {recursive: true, mode: 0o700});
	const socket = path.join(socketDir, 'socket');
	sockets.push(socket);
	const cache = `cache --timeout=3600 --socket ${socket}`;
	await git(helper, ['config', '--add', scoped, '']);
	await git(helper, ['config', '--add', scoped, cache]);
	await make('ssh', {origin: `git@${hostname}:acme/widget.git`});
	await make('stored-login', {origin: url('jo', 'acme/gadget')});
	await make('account-password', {
		origin: url(`jo:${secrets.accountPassword}`, 'acme/website'),
		github: 'https://github.com/acme/widget.git',
	});
	await make('github-only', {origin: 'https://github.com/acme/widget.git'});
	await make('unreachable', {origin: url(`jo:${secrets.appPassword}`, 'other/private-repo')});
	await make('gone', {origin: url(`jo:${secrets.appPassword}`, 'acme/no-such-repo')});
	await make('deep/node_modules/pkg', {origin: url(`jo:${secrets.appPassword}`, 'acme/widget')});
	delete clones['deep/node_modules/pkg'];

	// A loop (src/loop → src) and a link to a clone: neither is followed.
	await symlink(root, path.join(root, 'loop'));
	await symlink(widget, path.join(root, 'team', 'link-to-app-password'));

	// A linked worktree of app-password: its remotes are the main repository's.
	await git(widget, ['worktree', 'add', '-q', path.join(root, 'app-password-wt')]);
	clones['app-password-wt'] = path.join(root, 'app-password-wt');

	// A submodule of team/prompt, its remote then pointed at Bitbucket with an app password.
	const library = await make('library-source', {});
	delete clones['library-source'];
	await git(prompt, [
		'-c',
		'protocol.file.allow=always',
		'submodule',
		'add',
		'-q',
		library,
		'vendor/lib',
	]);
	const submodule = path.join(prompt, 'vendor', 'lib');
	await git(submodule, [
		'remote',
		'set-url',
		'origin',
		url(`jo:${secrets.appPassword}`, 'acme/widget'),
	]);
	clones['team/prompt/vendor/lib'] = submodule;
	await git(path.join(root, 'library-source'), [
		'remote',
		'add',
		'origin',
		'https://example.com/lib.git',
	]);

	await mkdir(home, {recursive: true});
	const credentialFile = path.join(home, '.git-credentials');
	await writeFile(
		credentialFile,
		[
			'https://someone:ghp_notbitbucket@github.com',
			`${scheme}jo:${secrets.appPasswordStored}@${host}`,
			`${scheme}x-token-auth:${secrets.storedToken}@${host}`,
			'',
		].join('\n'),
		{mode: 0o600},
	);
	const xdgCredentialFile = path.join(home, '.config', 'git', 'credentials');
	await mkdir(path.dirname(xdgCredentialFile), {recursive: true});
	await writeFile(
		xdgCredentialFile,
		`# kept by hand\r\n${scheme}ann:${secrets.accountPassword}@${host}\r\n`,
		{mode: 0o640},
	);
	return {root, home, clones, credentialFile, xdgCredentialFile, helper: cache};
}
