import {chmod, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createOpener, findLauncher} from '../../source/commits/opener.js';

let dir: string;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'bbtok-opener-'));
});

afterAll(async () => {
	await rm(dir, {recursive: true, force: true});
});

/** A stand-in browser that records the URL it was given and exits with `code`. */
async function fakeBrowser(name: string, code: number): Promise<{command: string; log: string}> {
	const command = path.join(dir, name);
	const log = path.join(dir, `${name}.log`);
	await writeFile(command, `#!/bin/sh\nprintf '%s' "$1" > '${log}'\nexit ${code}\n`);
	await chmod(command, 0o755);
	return {command, log};
}

describe('the opener', () => {
	it('has nothing to launch on a Linux machine without a display (SSH, CI)', async () => {
		expect(await findLauncher({PATH: dir}, 'linux')).toBeUndefined();
		expect(await createOpener({PATH: dir}, 'linux')('https://bitbucket.org/a/b/commits/1')).toBe(
			'unavailable',
		);
	});

	it('uses $BROWSER, then the platform opener', async () => {
		const browser = await fakeBrowser('my-browser', 0);
		expect(await findLauncher({BROWSER: `missing:${browser.command}`}, 'linux')).toEqual({
			command: browser.command,
			args: [],
		});
		expect(await findLauncher({}, 'darwin')).toEqual({command: 'open', args: []});
		expect((await findLauncher({}, 'win32'))?.command).toBe('explorer.exe');
	});

	it('passes the URL as one argument and reports whether the launcher succeeded', async () => {
		const good = await fakeBrowser('good', 0);
		const url = 'https://bitbucket.org/acme/widget/commits/abc?x=1&y=$(id)';
		expect(await createOpener({BROWSER: good.command, PATH: process.env.PATH}, 'linux')(url)).toBe(
			'opened',
		);
		expect(await readFile(good.log, 'utf8')).toBe(url);
		const bad = await fakeBrowser('bad', 3);
		expect(await createOpener({BROWSER: bad.command, PATH: process.env.PATH}, 'linux')(url)).toBe(
			'unavailable',
		);
	});

	it('opens only web URLs', async () => {
		const good = await fakeBrowser('never', 0);
		expect(await createOpener({BROWSER: good.command}, 'linux')('file:///etc/passwd')).toBe(
			'unavailable',
		);
	});
});
