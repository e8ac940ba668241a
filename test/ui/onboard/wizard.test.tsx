/**
 * The whole wizard in ink-testing-library against the sandbox: real API, real git server,
 * real clones checked with the real git CLI.
 */
import {access, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import {type Sandbox, startSandbox} from '../../../source/sandbox/index.js';
import {createServices} from '../../../source/services/services.js';
import {openSettings} from '../../../source/settings/store.js';
import {UiTheme} from '../../../source/ui/components/theme.js';
import {Wizard, type WizardProps} from '../../../source/ui/onboard/wizard.js';
import {createNativeGit, type NativeGit} from '../../git/native-git.js';
import {keys, renderInk} from '../../helpers/render.js';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-wizard-'));
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), git?.dispose(), rm(root, {recursive: true, force: true})]);
});

async function setup(name: string, overrides: Partial<WizardProps> = {}) {
	const cwd = path.join(root, name);
	const configDir = path.join(root, `${name}-config`);
	const {settings} = openSettings({BBTOK_CONFIG_DIR: configDir});
	const services = createServices(
		{flags: {}, env: {}, cwd},
		{endpoints: {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl}, settings},
	);
	const dispatcher = {destroy: () => services.close()};
	const onExit = vi.fn();
	await import('node:fs/promises').then((fs) => fs.mkdir(cwd, {recursive: true}));
	const ink = await renderInk(
		<UiTheme color={false}>
			<Wizard
				services={services}
				settings={settings}
				defaults={{auth: 'prompt'}}
				onExit={onExit}
				{...overrides}
			/>
		</UiTheme>,
	);
	return {ink, cwd, configDir, settings, onExit, dispatcher};
}

describe('the wizard against the sandbox', () => {
	test('repository → token → verify → options → clone → bot email → summary with commits', async () => {
		const {ink, cwd, configDir, onExit, dispatcher} = await setup('full');
		const token = sandbox.tokens.repoWrite;
		expect(ink.lastFrame()).toContain('1/7 Repository');
		await ink.type('acme/widget');
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('2/7 Token');
		await ink.paste(token);
		await ink.press(keys.enter);
		await ink.waitFor('The token reaches acme/widget.');
		expect(ink.lastFrame()).toContain('3/7 Verify');
		expect(ink.lastFrame()).toContain('It can push (repository:write).');
		await ink.press(keys.enter);
		await ink.waitFor('(new folder)');
		expect(ink.lastFrame()).toContain('4/7 Clone options');
		await ink.press(keys.enter);
		await ink.waitFor('6/7 Bot email', {timeoutMs: 20_000});
		// The repository's history shows the repoWrite bot: offered as a suggestion.
		await ink.waitFor(sandbox.botEmails.repoWrite);
		await ink.press(keys.up, keys.enter);
		await ink.waitFor('Name (optional');
		// Esc from the name goes back to the email, still filled in.
		await ink.press(keys.escape);
		await ink.waitFor(`→ user.email ${sandbox.botEmails.repoWrite}`);
		await ink.press(keys.enter);
		await ink.waitFor('Name (optional');
		await ink.type('Widget bot');
		await ink.press(keys.enter);
		await ink.waitFor('7/7 Done');
		const dir = path.join(cwd, 'widget');
		const head = await git(['rev-parse', 'HEAD'], {cwd: dir});
		// The commit browser lists the branch's latest commits, the clone's HEAD first.
		const summary = await ink.waitFor(head.slice(0, 7));
		expect(summary).toContain('acme/widget is ready in ./widget');
		expect(summary).toContain(`git -C ./widget config user.email ${sandbox.botEmails.repoWrite}`);
		const frames = ink.frames.join('\n');
		await ink.press('q');
		expect(onExit).toHaveBeenCalledWith(0);
		await ink.unmount();

		expect(await git(['config', 'user.email'], {cwd: dir})).toBe(sandbox.botEmails.repoWrite);
		expect(await git(['config', 'user.name'], {cwd: dir})).toBe('Widget bot');
		expect(await git(['remote', 'get-url', 'origin'], {cwd: dir})).toBe(
			`${sandbox.gitUrl.replace('://', '://x-token-auth@')}/acme/widget.git`,
		);
		await git(['fsck', '--strict'], {cwd: dir});

		// The token is nowhere: not in a frame, not in the settings, not in .git/config.
		expect(frames).not.toContain(token);
		for (const file of await readdir(configDir)) {
			expect(await readFile(path.join(configDir, file), 'utf8')).not.toContain(token);
		}

		expect(await readFile(path.join(dir, '.git', 'config'), 'utf8')).not.toContain(token);
		// Remembered for next time: the repository with its folder and bot email, and the preferences.
		const {settings} = openSettings({BBTOK_CONFIG_DIR: configDir});
		expect(settings.recent()).toMatchObject([{workspace: 'acme', repo: 'widget', dir}]);
		expect(settings.botEmailFor({workspace: 'acme', repo: 'widget'})).toBe(
			sandbox.botEmails.repoWrite,
		);
		expect(settings.preferences()).toEqual({auth: 'prompt'});
		await dispatcher.destroy();
	});

	test('a revoked token: message, hint, Esc back to the token, then a working one', async () => {
		const {ink, onExit, dispatcher} = await setup('revoked', {
			initialRef: {workspace: 'acme', repo: 'widget'},
		});
		expect(ink.lastFrame()).toContain('2/7 Token');
		await ink.press(keys.escape);
		expect(ink.lastFrame()).toContain('2/7 Token');
		await ink.paste(sandbox.tokens.revoked);
		await ink.press(keys.enter);
		const failed = await ink.waitFor('q quits with exit code 3');
		expect(failed).toContain('✗');
		await ink.press(keys.escape);
		expect(ink.lastFrame()).toContain('2/7 Token');
		await ink.paste(sandbox.tokens.repoRead);
		await ink.press(keys.enter);
		await ink.waitFor('It cannot push: the token lacks repository:write');
		await ink.press(keys.ctrlC);
		expect(onExit).toHaveBeenCalledWith(130);
		await dispatcher.destroy();
	});

	test('a connection stack that cannot be made (a bad proxy variable) fails the verify step, exit 2 on q', async () => {
		const onExit = vi.fn();
		const ink = await renderInk(
			<UiTheme color={false}>
				<Wizard
					services={createServices(
						{flags: {}, env: {HTTPS_PROXY: 'proxy:3128'}, cwd: root},
						{endpoints: {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl}},
					)}
					settings={openSettings({BBTOK_CONFIG_DIR: path.join(root, 'proxy-config')}).settings}
					defaults={{auth: 'prompt'}}
					initialRef={{workspace: 'acme', repo: 'widget'}}
					onExit={onExit}
				/>
			</UiTheme>,
		);
		await ink.paste(sandbox.tokens.repoRead);
		await ink.press(keys.enter);
		const failed = await ink.waitFor('q quits with exit code 2');
		expect(failed).toContain('HTTPS_PROXY is not an http(s) URL: "proxy:3128".');
		await ink.press('q');
		expect(onExit).toHaveBeenCalledWith(2);
	});

	test('q on a failure quits with its exit code (404 → 4)', async () => {
		const {ink, onExit, dispatcher} = await setup('missing', {
			initialRef: {workspace: 'other', repo: 'private-repo'},
		});
		await ink.paste(sandbox.tokens.repoWrite);
		await ink.press(keys.enter);
		await ink.waitFor('q quits with exit code 4');
		await ink.press('q');
		expect(onExit).toHaveBeenCalledWith(4);
		await dispatcher.destroy();
	});

	test('--yes with BITBUCKET_ACCESS_TOKEN goes to the clone; Ctrl+C mid-clone leaves nothing (exit 130)', async () => {
		const {ink, cwd, onExit, dispatcher} = await setup('interrupted', {
			initialRef: {workspace: 'acme', repo: 'widget'},
			envToken: sandbox.tokens.repoWrite,
			acceptDefaults: true,
		});
		sandbox.setFaults({latencyMs: 400});
		try {
			// --yes takes the token from the environment and the default options without asking.
			await ink.waitFor('5/7 Clone', {timeoutMs: 10_000});
			await ink.press(keys.ctrlC);
			await ink.waitFor('Stopping the clone');
			await ink.waitFor(() => onExit.mock.calls.length > 0, {timeoutMs: 15_000});
			expect(onExit).toHaveBeenCalledWith(130);
			// The last frame stays on the terminal: it offers no navigation any more.
			expect(ink.lastFrame()).toContain('was interrupted');
			expect(ink.lastFrame()).not.toContain('Esc');
		} finally {
			sandbox.setFaults({});
		}

		await expect(access(path.join(cwd, 'widget'))).rejects.toThrow();
		await dispatcher.destroy();
	});
});
