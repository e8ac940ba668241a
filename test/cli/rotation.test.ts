/**
 * Rotating a token with fix-remote, through the built CLI against the sandbox and git's
 * credential-cache: the new token goes where the clone keeps the old one (the helper entry,
 * or the embedded URL), the mode is kept without --auth, and leaving helper mode erases the
 * helper's entry and the clone's scoped helper keys.
 */
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {fillToken} from '../../source/git/credential-store.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {cacheHome, type HelperHome, helperHome} from '../helpers/credential-helpers.js';
import {filesContainingAny, runCli, transcript} from './run-cli.js';

let sandbox: Sandbox;
const homes: HelperHome[] = [];

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});

afterAll(async () => {
	for (const printed of transcript) {
		for (const token of Object.values(sandbox.tokens)) {
			expect(printed).not.toContain(token);
		}
	}

	await Promise.all([...homes.map((home) => home.dispose()), sandbox?.close()]);
});

async function track(made: Promise<HelperHome>): Promise<HelperHome> {
	const home = await made;
	homes.push(home);
	return home;
}

function cli(home: HelperHome, args: string[], token: string) {
	return runCli([...args, '--token-stdin', '--json'], {
		cwd: home.home,
		stdin: `${token}\n`,
		env: {
			...home.env,
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: path.join(home.home, '.bbtok-config'),
		},
	}).done;
}

const widgetUrl = () => `${sandbox.gitUrl}/acme/widget.git`;

describe('rotation with fix-remote', () => {
	it('a helper clone keeps helper mode, the helper gets the new token; --auth prompt erases it and the scoped keys', async () => {
		const home = await track(cacheHome(['store']));
		const {tokens} = sandbox;
		const cloned = await cli(
			home,
			['acme/widget', '--auth', 'helper', '--bot-email', 'ci-bot'],
			tokens.repoWrite,
		);
		expect(cloned.code, cloned.stderr).toBe(0);
		const dir = path.join(home.home, 'widget');
		const configPath = path.join(dir, '.git', 'config');
		const before = await readFile(configPath, 'utf8');
		const run = {env: home.env, cwd: dir};

		const rotated = await cli(home, ['fix-remote', dir], tokens.repoRead);
		expect(rotated.code, rotated.stderr).toBe(0);
		expect(JSON.parse(rotated.stdout)).toMatchObject({auth: 'helper', helper: 'cache'});
		expect(await fillToken(run, widgetUrl())).toBe(tokens.repoRead);
		expect(await readFile(configPath, 'utf8')).toBe(before);
		await home.git(['-c', 'core.askPass=', 'fetch', 'origin'], {cwd: dir});

		const toPrompt = await cli(home, ['fix-remote', dir, '--auth', 'prompt'], tokens.repoRead);
		expect(toPrompt.code, toPrompt.stderr).toBe(0);
		expect(toPrompt.stderr).toContain('Old token erased from the credential helper cache');
		expect(JSON.parse(toPrompt.stdout)).toMatchObject({auth: 'prompt', helper: null});
		const after = await readFile(configPath, 'utf8');
		expect(after).not.toContain(`[credential "${widgetUrl()}"]`);
		expect(after).toContain('useHttpPath = true');
		// The scoped list is gone: git now asks the global ones (store, then cache), and none holds it.
		expect(await fillToken(run, widgetUrl())).toBeUndefined();
		expect(await filesContainingAny(home.home, [tokens.repoWrite, tokens.repoRead])).toEqual([]);
	});

	it('an embed clone keeps embed mode: the new token replaces the old one in the URL', async () => {
		const home = await track(helperHome([]));
		const {tokens} = sandbox;
		const cloned = await cli(
			home,
			['acme/widget', '--auth', 'embed', '--bot-email', 'ci-bot'],
			tokens.repoWrite,
		);
		expect(cloned.code, cloned.stderr).toBe(0);
		const dir = path.join(home.home, 'widget');
		const rotated = await cli(home, ['fix-remote', dir], tokens.repoRead);
		expect(rotated.code, rotated.stderr).toBe(0);
		expect(JSON.parse(rotated.stdout)).toMatchObject({auth: 'embed'});
		const url = await home.git(['config', 'remote.origin.url'], {cwd: dir});
		expect(url).toContain(encodeURIComponent(tokens.repoRead).replaceAll('%3D', '='));
		expect(url).not.toContain(tokens.repoWrite);
	});

	it('--auth helper on a clone with only store configured: exit 2, the config untouched', async () => {
		const home = await track(helperHome(['store']));
		const {tokens} = sandbox;
		await cli(home, ['acme/widget', '--bot-email', 'ci-bot'], tokens.repoWrite);
		const dir = path.join(home.home, 'widget');
		const before = await readFile(path.join(dir, '.git', 'config'), 'utf8');
		const refused = await cli(home, ['fix-remote', dir, '--auth', 'helper'], tokens.repoWrite);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('--auth helper needs a credential helper');
		expect(await readFile(path.join(dir, '.git', 'config'), 'utf8')).toBe(before);
	});
});
