/**
 * A Node binary that another user (`nobody`, for the permission tests: root reads every folder)
 * can run. The one running the tests may live where they cannot reach it: npx keeps Node 24
 * under /root/.npm, which only root may enter. Then a copy in the temp folder serves.
 */
import {access, chmod, constants, copyFile, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

let copied: Promise<string> | undefined;

export async function nodeOthersCanRun(): Promise<string> {
	if (await everyoneCanRun(process.execPath)) {
		return process.execPath;
	}

	copied ??= (async () => {
		const copy = path.join(os.tmpdir(), `bbtok-test-node-${process.version}`);
		if (
			!(await access(copy, constants.X_OK).then(
				() => true,
				() => false,
			))
		) {
			const partial = `${copy}.${process.pid}`;
			await copyFile(process.execPath, partial);
			await chmod(partial, 0o755);
			const {rename} = await import('node:fs/promises');
			await rename(partial, copy);
		}

		return copy;
	})();
	return copied;
}

/** The file and every folder above it are open to others (o+x). */
async function everyoneCanRun(file: string): Promise<boolean> {
	for (let at = file; ; at = path.dirname(at)) {
		if (((await stat(at)).mode & 0o001) === 0) {
			return false;
		}

		if (path.dirname(at) === at) {
			return true;
		}
	}
}
