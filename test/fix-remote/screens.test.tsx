/**
 * The interactive fix-remote screens, rendered with ink-testing-library against the sandbox:
 * every key goes through act(), and the config on disk is checked after each path.
 */
import {readFile, realpath} from 'node:fs/promises';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {CommandContext, Flags} from '../../source/core/context.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {createServices, type Services} from '../../source/services/services.js';
import {FixRemoteApp} from '../../source/ui/fix-remote/app.js';
import {chooseRemote} from '../../source/use-cases/fix-remote/remote-choice.js';
import {prepareFixRemote} from '../../source/use-cases/fix-remote/setup.js';
import {git, tempDirs} from './git-fixtures.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const keys = {enter: '\r', down: '\u001B[B', pageDown: '\u001B[6~', ctrlC: '\u0003'};
const temp = tempDirs();
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});
/** Each launch's services, closed at the end as the command's finally would. */
const opened: Services[] = [];

afterAll(async () => {
	await Promise.all(opened.map((services) => services.close()));
	await sandbox.close();
	await temp.cleanup();
});

async function cloneWith(
	remotes: Record<string, string>,
): Promise<{dir: string; configPath: string; before: string}> {
	const base = await realpath(await temp.make());
	const dir = path.join(base, 'widget');
	await git(base, ['init', '-q', dir]);
	for (const [name, url] of Object.entries(remotes)) {
		await git(dir, ['remote', 'add', name, url]);
	}

	const configPath = path.join(dir, '.git', 'config');
	return {dir, configPath, before: await readFile(configPath, 'utf8')};
}

async function launch(dir: string, flags: Partial<Flags> = {}, envToken?: string) {
	const context = {
		args: [dir],
		flags: {
			tokenStdin: false,
			input: true,
			json: false,
			yes: false,
			stripCredentials: false,
			statuses: false,
			...flags,
		},
		env: {
			BBTOK_API_URL: sandbox.apiUrl,
			BBTOK_GIT_URL: sandbox.gitUrl,
			BBTOK_CONFIG_DIR: await temp.make('bbtok-settings-'),
		},
		cwd: dir,
	} as unknown as CommandContext;
	const services = createServices(context);
	opened.push(services);
	const setup = await prepareFixRemote(context, services);
	const choice = chooseRemote({
		remotes: setup.inspection.remotes,
		candidates: setup.inspection.candidates,
		requested: flags.remote,
		where: setup.where,
	});
	const onExit = vi.fn();
	const app = render(
		<FixRemoteApp
			context={context}
			setup={setup}
			choice={choice}
			envToken={envToken}
			onExit={onExit}
		/>,
	);
	// A tall terminal shows every preview whole (ink-testing-library's has no height: 24 is assumed).
	await act(async () => {
		Object.defineProperty(app.stdout, 'rows', {value: 60, configurable: true});
		app.stdout.emit('resize');
	});
	const press = async (input: string) => {
		await act(async () => {
			app.stdin.write(input);
		});
	};

	const frame = () => app.lastFrame() ?? '';
	// A step that appears after a promise settles mounts outside act(): flush its effects
	// (the new input's key handler) before the next key is written.
	const waitFor = async (text: string) => {
		await vi.waitFor(() => expect(frame()).toContain(text), {timeout: 5000});
		await act(async () => undefined);
	};
	return {app, press, frame, waitFor, onExit};
}

const botId = '6e2b0f4d-8507-4231-99eb-3f5a7b9c1d4e';

describe('fix-remote screens', () => {
	it('masks the token, shows a spinner while verifying, previews the diff, and writes on y', async () => {
		const {dir, configPath} = await cloneWith({origin: 'git@bitbucket.org:acme/widget.git'});
		const ui = await launch(dir);
		await ui.waitFor('Access token for acme/widget (input hidden)');

		sandbox.setFaults({latencyMs: 400});
		await ui.press(sandbox.tokens.repoWrite);
		expect(ui.frame()).not.toContain(sandbox.tokens.repoWrite);
		// Nothing of the token is drawn, not even its length.
		expect(ui.frame()).toContain('● token entered (hidden)');
		expect(ui.frame()).not.toMatch(/\*{3}/);
		await ui.press(keys.enter);
		await ui.waitFor('Verifying the token with the API and git');
		sandbox.setFaults({});

		await ui.waitFor("Bot email: the token's bot email");
		await ui.press(botId);
		await ui.press(keys.enter);
		await ui.waitFor('Write this change?');
		const gitHost = new URL(sandbox.gitUrl).host;
		expect(ui.frame()).toContain('✓ Token verified: it can fetch and push.');
		expect(ui.frame()).toContain('-    url = git@bitbucket.org:acme/widget.git');
		expect(ui.frame()).toContain(`+    url = http://x-token-auth@${gitHost}/acme/widget.git`);
		expect(ui.frame()).toContain(`+    email = ${botId}@bots.bitbucket.org`);

		await ui.press('y');
		await ui.waitFor(`Updated ${configPath}.`);
		expect(ui.onExit).toHaveBeenCalledWith(0);
		expect(await git(dir, ['config', 'remote.origin.url'])).toBe(
			`http://x-token-auth@${gitHost}/acme/widget.git\n`,
		);
		expect(ui.app.frames.join('\n')).not.toContain(sandbox.tokens.repoWrite);
	});

	it('leaves the config byte-identical when the user answers n at the preview', async () => {
		const {dir, configPath, before} = await cloneWith({
			origin: 'https://bitbucket.org/acme/widget.git',
		});
		const ui = await launch(dir, {botEmail: botId}, sandbox.tokens.repoRead);
		await ui.waitFor('Write this change?');
		expect(ui.frame()).toContain('pushes will be refused');
		await ui.press('n');
		await ui.waitFor('Cancelled; .git/config was not changed.');
		expect(ui.onExit).toHaveBeenCalledWith(0);
		expect(await readFile(configPath, 'utf8')).toBe(before);
	});

	it('applies at once with --yes, stripping secrets with --strip-credentials', async () => {
		const {dir, configPath} = await cloneWith({
			origin: 'https://bitbucket.org/acme/widget.git',
			backup: 'https://ci:BackupPw-31@example.com/w.git',
		});
		const ui = await launch(
			dir,
			{botEmail: botId, yes: true, stripCredentials: true},
			sandbox.tokens.repoRead,
		);
		await ui.waitFor(`Updated ${configPath}.`);
		expect(ui.onExit).toHaveBeenCalledWith(0);
		expect(await readFile(configPath, 'utf8')).toContain('\turl = https://ci@example.com/w.git\n');
		expect(ui.app.frames.join('\n')).not.toContain('BackupPw-31');
	});

	it('asks again after a rejected token, and refuses a user API token with advice', async () => {
		const {dir} = await cloneWith({origin: 'git@bitbucket.org:acme/widget.git'});
		const ui = await launch(dir, {botEmail: botId});
		await ui.waitFor('Access token');
		await ui.press('ATATT3xFfGF0-user-api-token');
		await ui.press(keys.enter);
		await ui.waitFor('This is a user API token, not a Bitbucket access token.');
		// The refused value is dropped, so the next paste does not append to it.
		expect(ui.frame()).toContain('paste the token (nothing is shown)');

		await ui.press(sandbox.tokens.revoked);
		await ui.press(keys.enter);
		// The refusal, not the verifying screen (which shows the same heading), before the next paste.
		await ui.waitFor('rejected');
		await vi.waitFor(() => expect(ui.frame()).toMatch(/Access token for acme\/widget/));
		await vi.waitFor(() => expect(ui.frame()).not.toContain('user API token'), {timeout: 5000});
		expect(ui.frame()).not.toContain(sandbox.tokens.revoked);

		await ui.press(sandbox.tokens.repoRead);
		await ui.press(keys.enter);
		await ui.waitFor('Write this change?');
	});

	it('exits 130 on Ctrl+C, while prompting and while verifying, changing nothing', async () => {
		const {dir, configPath, before} = await cloneWith({
			origin: 'git@bitbucket.org:acme/widget.git',
		});
		const prompting = await launch(dir);
		await prompting.waitFor('Access token');
		await prompting.press(keys.ctrlC);
		await prompting.waitFor('Interrupted; .git/config was not changed.');
		expect(prompting.onExit).toHaveBeenCalledWith(130);

		sandbox.setFaults({latencyMs: 2000});
		const verifying = await launch(dir, {}, sandbox.tokens.repoWrite);
		await verifying.waitFor('Verifying the token');
		await verifying.press(keys.ctrlC);
		await verifying.waitFor('Interrupted; .git/config was not changed.');
		sandbox.setFaults({});
		expect(verifying.onExit).toHaveBeenCalledWith(130);
		expect(await readFile(configPath, 'utf8')).toBe(before);
	});

	it('asks which remote when ambiguous, and offers to strip other remotes’ secrets', async () => {
		const secret = 'MirrorSecret-77aa';
		const {dir, configPath} = await cloneWith({
			fork: 'git@bitbucket.org:me/widget.git',
			upstream: 'https://bitbucket.org/acme/widget.git',
			mirror: `https://ci:${secret}@example.com/widget.git`,
		});
		const ui = await launch(dir, {botEmail: botId}, sandbox.tokens.repoRead);
		await ui.waitFor('Several remotes point at Bitbucket');
		await ui.press(keys.down);
		await ui.press(keys.enter);
		await ui.waitFor('These remote URLs carry a secret in plain text');
		expect(ui.frame()).toContain('mirror url: https://ci:***@example.com/widget.git');
		await ui.press('y');
		await ui.waitFor('Write this change?');
		expect(ui.frame()).toContain('+    url = https://ci@example.com/widget.git');
		await ui.press('y');
		await ui.waitFor('Updated');
		const after = await readFile(configPath, 'utf8');
		expect(after).not.toContain(secret);
		expect(after).toContain('[remote "fork"]\n\turl = git@bitbucket.org:me/widget.git\n');
		expect(ui.app.frames.join('\n')).not.toContain(secret);
	});

	it('fits a long preview into a short terminal: a window of the diff that ↑/↓/PgDn scroll', async () => {
		const {dir, configPath} = await cloneWith({
			origin: 'git@bitbucket.org:acme/widget.git',
			a: 'https://ci:SecretA-1@example.com/a.git',
			b: 'https://ci:SecretB-2@example.com/b.git',
			c: 'https://ci:SecretC-3@example.com/c.git',
		});
		const ui = await launch(dir, {botEmail: botId}, sandbox.tokens.repoWrite);
		await act(async () => {
			Object.defineProperty(ui.app.stdout, 'rows', {value: 24, configurable: true});
			ui.app.stdout.emit('resize');
		});
		await ui.waitFor('These remote URLs carry a secret in plain text');
		await ui.press('y');
		await ui.waitFor('Write this change?');
		const first = ui.frame();
		expect(first.split('\n').length).toBeLessThan(24);
		expect(first.split('\n')[0]).toMatch(/^bbtok-tui · fix-remote/);
		expect(first).toMatch(/lines 1–\d+ of \d+ · ↑\/↓ scroll/);
		expect(first).toContain('↑/↓ scroll · Ctrl+C quit');
		expect(first).toContain('--- ');
		const total = Number(/of (\d+) ·/.exec(first)![1]);
		await ui.press(keys.down);
		expect(ui.frame()).toMatch(/lines 2–\d+ of \d+/);
		expect(ui.frame()).not.toContain('--- ');
		for (let page = 0; page < 15; page++) {
			await ui.press(keys.pageDown);
		}

		const last = ui.frame();
		expect(last).toMatch(new RegExp(`lines \\d+–${total} of ${total}`));
		expect(last).toContain(`+    email = ${botId}@bots.bitbucket.org`);
		expect(last.split('\n').length).toBeLessThan(24);
		await ui.press('y');
		await ui.waitFor('Updated');
		expect(await readFile(configPath, 'utf8')).not.toMatch(/Secret[ABC]/);
	});
});
