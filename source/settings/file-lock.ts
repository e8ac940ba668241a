/**
 * A lock file for the settings: two runs at once (two terminals onboarding two repositories)
 * each re-read, change and write the file while holding it, so neither loses the other's
 * update. conf is synchronous, so the wait is too; the critical section is one small write.
 */
import {closeSync, openSync, rmSync, statSync} from 'node:fs';

/** Longer than any write takes: a lock this old was left by a run that was killed. */
const staleMs = 10_000;
const waitMs = 5000;
const pollMs = 10;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `action` holding `lockPath`; throws the filesystem's error when the lock cannot be made. */
export function withFileLock<T>(lockPath: string, action: () => T): T {
	const deadline = Date.now() + waitMs;
	for (;;) {
		try {
			closeSync(openSync(lockPath, 'wx', 0o600));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw error;
			}

			if (isStale(lockPath) || Date.now() > deadline) {
				rmSync(lockPath, {force: true});
				continue;
			}

			Atomics.wait(sleeper, 0, 0, pollMs);
		}
	}

	try {
		return action();
	} finally {
		rmSync(lockPath, {force: true});
	}
}

function isStale(lockPath: string): boolean {
	try {
		return Date.now() - statSync(lockPath).mtimeMs > staleMs;
	} catch {
		return false;
	}
}
