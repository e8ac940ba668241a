/** Every file, folder and link under a folder with its mode and content hash: "no byte changed" as one comparison. */
import {createHash} from 'node:crypto';
import {lstat, readdir, readFile, readlink} from 'node:fs/promises';
import path from 'node:path';

export async function snapshotTree(dir: string): Promise<Record<string, string>> {
	const snapshot: Record<string, string> = {};
	for (const entry of await readdir(dir, {recursive: true, withFileTypes: true})) {
		const file = path.join(entry.parentPath, entry.name);
		const info = await lstat(file);
		const mode = (info.mode & 0o7777).toString(8);
		snapshot[path.relative(dir, file)] = entry.isSymbolicLink()
			? `link ${await readlink(file)}`
			: entry.isFile()
				? `${mode} ${createHash('sha256')
						.update(await readFile(file))
						.digest('hex')}`
				: `${mode} dir`;
	}

	return snapshot;
}
