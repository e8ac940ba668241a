/**
 * Failures of this machine, not of the network or the repository: a full disk, a read-only
 * filesystem, a folder without permission. Running the command again cannot help, so each
 * is one line that names the folder and what it lacks, never retry advice.
 */
import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import path from 'node:path';
import {BbtokError} from '../core/errors.js';
import {redact} from '../core/redaction.js';

export class LocalFailureError extends BbtokError {
	override readonly name = 'LocalFailureError';
}

const localCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

export function isLocalFailure(error: unknown): boolean {
	const code = (error as {code?: unknown} | undefined)?.code;
	return typeof code === 'string' && localCodes.has(code);
}

/**
 * The real reason `mkdir -p dir` failed: on a read-only filesystem Node's recursive mkdir
 * reports ENOENT; asking the nearest existing folder for write access tells EROFS or EACCES.
 */
export async function mkdirFailure(dir: string, error: unknown): Promise<unknown> {
	if ((error as {code?: unknown}).code !== 'ENOENT') {
		return error;
	}

	for (let folder = path.dirname(dir); ; folder = path.dirname(folder)) {
		const exists = await access(folder).then(
			() => true,
			() => false,
		);
		if (exists) {
			return access(folder, constants.W_OK).then(
				() => error,
				(denied: unknown) => denied,
			);
		}

		if (folder === path.dirname(folder)) {
			return error;
		}
	}
}

/** `bytes` as a person reads it: 1.4 MB, 830 kB, 12 B. */
export function formatBytes(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}

	return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * The clone's local failure as one line, or undefined for anything else. `packBytes` is what
 * the transfer received: the pack is stored as it came, the checked-out files need room too.
 */
export function cloneLocalFailure(
	error: unknown,
	options: {dir: string; packBytes: number},
): LocalFailureError | undefined {
	if (!isLocalFailure(error)) {
		return undefined;
	}

	const code = (error as {code: string}).code;
	const dir = redact(options.dir);
	const left = 'nothing was left behind';
	switch (code) {
		case 'ENOSPC':
		case 'EDQUOT': {
			const needed =
				options.packBytes > 0
					? `the clone needs more than ${formatBytes(options.packBytes)} (its pack; the checked-out files come on top)`
					: 'the clone needs more room than there is';
			return new LocalFailureError(`No space left on the disk of ${dir}: ${needed}; ${left}.`, {
				cause: error,
			});
		}

		case 'EROFS': {
			return new LocalFailureError(`${dir} is on a read-only filesystem; ${left}.`, {
				cause: error,
			});
		}

		default: {
			const at = (error as {path?: unknown}).path;
			const denied = typeof at === 'string' ? redact(path.dirname(at)) : dir;
			return new LocalFailureError(
				`No permission to write in ${denied}, so ${dir} cannot be cloned into; ${left}.`,
				{cause: error},
			);
		}
	}
}
