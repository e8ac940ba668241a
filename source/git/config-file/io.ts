/**
 * Reading a config file and replacing it atomically the way git does (a `.lock` file
 * renamed over it), refusing when someone else changed it in between.
 */
import {open, readFile, realpath, rename, rm, stat} from 'node:fs/promises';
import {BbtokError} from '../../core/errors.js';

export type ConfigSnapshot = {readonly path: string; readonly text: string; readonly mode: number};

/** Reads a config file as text, with the mode a rewrite must keep. Follows a symlinked config to its target. */
export async function readConfigFile(configPath: string): Promise<ConfigSnapshot> {
	const target = await realpath(configPath).catch(() => configPath);
	try {
		const [text, info] = await Promise.all([readFile(target, 'utf8'), stat(target)]);
		return {path: target, text, mode: info.mode & 0o7777};
	} catch (error) {
		throw new BbtokError(`Cannot read ${configPath}.`, {
			hint: 'Check that the file exists and is readable.',
			cause: error,
		});
	}
}

/**
 * Replaces the config with `text` atomically, the way git does: the new content goes to
 * `config.lock` (created exclusively, so a concurrent git command and this one cannot both
 * write), keeps the old file's mode, is flushed, then renamed over the original. Refuses
 * when the file changed since `snapshot` was read, rather than lose someone else's edit.
 */
export async function writeConfigFile(snapshot: ConfigSnapshot, text: string): Promise<void> {
	const lockPath = `${snapshot.path}.lock`;
	let lock: Awaited<ReturnType<typeof open>>;
	try {
		lock = await open(lockPath, 'wx', snapshot.mode);
	} catch (error) {
		const busy = (error as NodeJS.ErrnoException).code === 'EEXIST';
		throw new BbtokError(
			busy
				? `${lockPath} exists: another git command is editing this config.`
				: `Cannot write next to ${snapshot.path}.`,
			{
				hint: busy
					? 'Wait for it to finish; if no git command is running, remove the .lock file and retry.'
					: 'Check the folder permissions of the repository.',
				cause: error,
			},
		);
	}

	let renamed = false;
	try {
		const current = await readFile(snapshot.path, 'utf8');
		if (current !== snapshot.text) {
			throw new BbtokError(
				`${snapshot.path} changed while fix-remote was running; nothing was written.`,
				{
					hint: 'Run fix-remote again to see the current content.',
				},
			);
		}

		await lock.writeFile(text, 'utf8');
		// The umask may have narrowed the mode given to open().
		await lock.chmod(snapshot.mode);
		await lock.sync();
		await lock.close();
		await rename(lockPath, snapshot.path);
		renamed = true;
	} finally {
		if (!renamed) {
			await lock.close().catch(() => undefined);
			await rm(lockPath, {force: true});
		}
	}
}
