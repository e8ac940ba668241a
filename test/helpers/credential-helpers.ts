/**
 * Real credential helpers for `--auth helper` and `status` tests, each in a throwaway HOME
 * with its own global git config (no system config), so nothing of the machine's git setup
 * takes part:
 * - git's `credential-cache`, its daemon on a socket in the temp dir (stopped by `dispose`);
 * - libsecret against a real Secret Service: a private D-Bus session bus and gnome-keyring,
 *   its login keyring created and unlocked from stdin.
 */
import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {access, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

export type HelperHome = {
	readonly home: string;
	/** HOME, XDG dirs and GIT_CONFIG_GLOBAL for git and the CLI under test. */
	readonly env: NodeJS.ProcessEnv;
	/** The `credential.helper` value configured globally (undefined: none). */
	readonly helper: string | undefined;
	/** Runs the real git in this HOME. */
	git(args: readonly string[], options?: {cwd?: string; input?: string}): Promise<string>;
	dispose(): Promise<void>;
};

/**
 * A HOME whose global config lists `helpers` in order (e.g. ['store', cache]); `extraEnv`
 * joins the environment (a Secret Service's bus address).
 */
export async function helperHome(
	helpers: readonly string[],
	options: {extraEnv?: NodeJS.ProcessEnv; onDispose?: () => Promise<void>} = {},
): Promise<HelperHome> {
	const home = await mkdtemp(path.join(os.tmpdir(), 'bbtok-helper-home-'));
	const globalConfig = path.join(home, '.gitconfig');
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		GIT_CONFIG_GLOBAL: globalConfig,
		GIT_CONFIG_NOSYSTEM: '1',
		LC_ALL: 'C',
		...options.extraEnv,
	};
	const lines = [
		'[user]',
		'\tname = Helper Test',
		'\temail = helper-test@example.invalid',
		'[init]',
		'\tdefaultBranch = main',
		...(helpers.length > 0
			? ['[credential]', ...helpers.map((value) => `\thelper = ${value}`)]
			: []),
	];
	await writeFile(globalConfig, `${lines.join('\n')}\n`);
	const git = (args: readonly string[], gitOptions: {cwd?: string; input?: string} = {}) =>
		new Promise<string>((resolve, reject) => {
			const child = execFile(
				'git',
				[...args],
				{cwd: gitOptions.cwd ?? home, env: {...env, GIT_TERMINAL_PROMPT: '0'}},
				(error, stdout, stderr) =>
					error ? reject(Object.assign(error, {stderr})) : resolve(stdout.trim()),
			);
			// git may exit before reading its stdin (a failing command).
			child.stdin?.on('error', () => undefined);
			child.stdin?.end(gitOptions.input ?? '');
		});
	return {
		home,
		env,
		helper: helpers.at(-1),
		git,
		async dispose() {
			await options.onDispose?.();
			await rm(home, {recursive: true, force: true});
		},
	};
}

/** A HOME with git's credential-cache as helper (after `before`, e.g. ['store']). */
export async function cacheHome(before: readonly string[] = []): Promise<HelperHome> {
	const socketDir = await mkdtemp(path.join(os.tmpdir(), 'bbtok-cache-'));
	const socket = path.join(socketDir, 'socket');
	const value = `cache --timeout 600 --socket ${socket}`;
	return helperHome([...before, value], {
		async onDispose() {
			await run('git', ['credential-cache', '--socket', socket, 'exit']).catch(() => undefined);
			await rm(socketDir, {recursive: true, force: true});
		},
	});
}

/** Where .ci/run installs git's libsecret helper (built from git's contrib sources). */
export const libsecretHelper = 'git-credential-libsecret';

/**
 * A HOME with libsecret as helper, talking to gnome-keyring on a private session bus.
 * Fails (never skips) when the helper or the keyring is missing: .ci/run installs both.
 */
export async function libsecretHome(): Promise<HelperHome> {
	await run('sh', ['-c', `command -v ${libsecretHelper} gnome-keyring-daemon dbus-daemon`]).catch(
		() => {
			throw new Error(
				`${libsecretHelper}, gnome-keyring-daemon and dbus-daemon must be on PATH (.ci/run installs them).`,
			);
		},
	);
	const runtime = await mkdtemp(path.join(os.tmpdir(), 'bbtok-secret-'));
	const address = `unix:path=${path.join(runtime, 'bus')}`;
	const children: ChildProcess[] = [];
	const stop = async () => {
		for (const child of children.reverse()) {
			child.kill('SIGTERM');
		}

		await rm(runtime, {recursive: true, force: true});
	};

	try {
		// No service directories: D-Bus activation would start a second, locked keyring.
		const busConfig = path.join(runtime, 'bus.conf');
		await writeFile(
			busConfig,
			`<busconfig><type>session</type><listen>${address}</listen><auth>EXTERNAL</auth><policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>\n`,
		);
		const bus = spawn('dbus-daemon', ['--nofork', '--nopidfile', `--config-file=${busConfig}`], {
			stdio: 'ignore',
		});
		children.push(bus);
		await waitFor(path.join(runtime, 'bus'));
		const busEnv = {DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtime};
		const made = await helperHome(['libsecret'], {extraEnv: busEnv, onDispose: stop});
		const keyring = spawn(
			'gnome-keyring-daemon',
			['--unlock', '--components=secrets', '--foreground'],
			{
				env: {PATH: process.env.PATH, HOME: made.home, ...busEnv},
				stdio: ['pipe', 'ignore', 'pipe'],
			},
		);
		children.push(keyring);
		let said = '';
		keyring.stderr.on('data', (chunk: Buffer) => {
			said += chunk.toString();
		});

		keyring.stdin.end('bbtok-test-keyring');
		await waitForService(made.env, () => said);
		return made;
	} catch (error) {
		await stop();
		throw error;
	}
}

async function waitFor(file: string): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		if (
			await access(file).then(
				() => true,
				() => false,
			)
		) {
			return;
		}

		await new Promise((resolve) => setTimeout(resolve, 20));
	}

	throw new Error(`${file} did not appear.`);
}

/** The keyring answers on the bus once a store through libsecret succeeds. */
async function waitForService(env: NodeJS.ProcessEnv, said: () => string): Promise<void> {
	const probe = 'protocol=https\nhost=probe.invalid\nusername=probe\npassword=probe\n\n';
	for (let attempt = 0; attempt < 50; attempt++) {
		const stored = await new Promise<boolean>((resolve) => {
			const child = execFile(
				libsecretHelper,
				['store'],
				{env: {PATH: process.env.PATH, ...env}},
				(error) => resolve(error === null),
			);
			child.stdin?.on('error', () => undefined);
			child.stdin?.end(probe);
		});
		if (stored) {
			return;
		}

		await new Promise((resolve) => setTimeout(resolve, 100));
	}

	throw new Error(`gnome-keyring did not start on the private session bus: ${said()}`);
}

/** The bytes of a file, or '' when it does not exist. */
export async function contentsOf(file: string): Promise<string> {
	return readFile(file, 'utf8').catch(() => '');
}
