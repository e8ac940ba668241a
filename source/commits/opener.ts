/**
 * Opens a commit's web page in the user's browser, or reports that this machine has no way
 * to: over SSH or on a headless Linux box the browser would open somewhere useless (or
 * nowhere), so the caller prints the URL instead. Injectable: tests pass their own opener
 * and never launch anything.
 */
import {spawn} from 'node:child_process';
import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import path from 'node:path';

export type OpenResult = 'opened' | 'unavailable';
export type Opener = (url: string) => Promise<OpenResult>;

type Launcher = {
	command: string;
	args: string[];
	/** explorer.exe exits 1 even when it opened the page. */
	exitCodeMeaningful?: false;
};

/** How long a launcher may take to fail before we assume it handed the URL to a browser. */
const settleMs = 1500;

/** For a run that has no browser to offer: the caller shows the URL instead. */
export const noOpener: Opener = async () => 'unavailable';

/** Opens URLs the way `env` (the command's environment: $BROWSER, PATH, WSL) says. */
export function createOpener(
	env: NodeJS.ProcessEnv,
	platform: NodeJS.Platform = process.platform,
): Opener {
	return async (url) => {
		if (!/^https?:\/\//i.test(url)) {
			return 'unavailable';
		}

		const launcher = await findLauncher(env, platform);
		return launcher === undefined ? 'unavailable' : launch(launcher, url, env);
	};
}

/** The program that would open a URL here, or undefined when there is none worth trying. */
export async function findLauncher(
	env: NodeJS.ProcessEnv,
	platform: NodeJS.Platform,
): Promise<Launcher | undefined> {
	// $BROWSER may list several commands separated by ':'; the first that exists wins.
	for (const command of (env.BROWSER ?? '').split(':').filter(Boolean)) {
		if (await onPath(command, env)) {
			return {command, args: []};
		}
	}

	if (platform === 'darwin') {
		return {command: 'open', args: []};
	}

	if (platform === 'win32') {
		return {command: 'explorer.exe', args: [], exitCodeMeaningful: false};
	}

	if (env.WSL_DISTRO_NAME && (await onPath('wslview', env))) {
		return {command: 'wslview', args: []};
	}

	// Without a display, xdg-open would start a text browser in our terminal or fail.
	if (!env.DISPLAY && !env.WAYLAND_DISPLAY) {
		return undefined;
	}

	return (await onPath('xdg-open', env)) ? {command: 'xdg-open', args: []} : undefined;
}

async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<boolean> {
	const candidates = command.includes(path.sep)
		? [command]
		: (env.PATH ?? '')
				.split(path.delimiter)
				.filter(Boolean)
				.map((dir) => path.join(dir, command));
	for (const candidate of candidates) {
		try {
			await access(candidate, constants.X_OK);
			return true;
		} catch {}
	}

	return false;
}

function launch(launcher: Launcher, url: string, env: NodeJS.ProcessEnv): Promise<OpenResult> {
	return new Promise((resolve) => {
		const child = spawn(launcher.command, [...launcher.args, url], {
			detached: true,
			stdio: 'ignore',
			env,
		});
		const timer = setTimeout(() => {
			child.unref();
			resolve('opened');
		}, settleMs);
		child.once('error', () => {
			clearTimeout(timer);
			resolve('unavailable');
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			resolve(code === 0 || launcher.exitCodeMeaningful === false ? 'opened' : 'unavailable');
		});
	});
}
