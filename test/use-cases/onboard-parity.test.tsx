/**
 * The rules that used to drift between the front ends, pinned: the same flags, settings and
 * token through the headless run and through the wizard (with --yes, so it asks nothing)
 * give the same clone, the same .git/config, the same bot email and the same settings.
 */
import {mkdir, mkdtemp, readdir, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import type {Flags} from '../../source/core/context.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {withServices} from '../../source/services/services.js';
import {openSettings, type Preferences} from '../../source/settings/store.js';
import {UiTheme} from '../../source/ui/components/theme.js';
import {Wizard} from '../../source/ui/onboard/wizard.js';
import {runHeadlessOnboard} from '../../source/use-cases/onboard/headless.js';
import {onboardDefaults} from '../../source/use-cases/onboard/rules.js';
import {createNativeGit, type NativeGit} from '../git/native-git.js';
import {renderInk} from '../helpers/render.js';
import {fakeContext} from '../onboard/fake-context.js';

let sandbox: Sandbox;
let git: NativeGit;
let root: string;
const widget = {workspace: 'acme', repo: 'widget'};

beforeAll(async () => {
	[sandbox, git] = await Promise.all([startSandbox({env: process.env}), createNativeGit()]);
	root = await mkdtemp(path.join(os.tmpdir(), 'bbtok-parity-'));
});

afterAll(async () => {
	await Promise.all([sandbox?.close(), git?.dispose(), rm(root, {recursive: true, force: true})]);
});

type Scenario = {flags: Partial<Flags>; preferences?: Preferences};

/** A working folder and a settings folder of its own, with the scenario's remembered preferences. */
async function place(name: string, scenario: Scenario) {
	const cwd = path.join(root, name);
	await mkdir(cwd, {recursive: true});
	const env = {BBTOK_CONFIG_DIR: path.join(root, `${name}-config`)};
	if (scenario.preferences) {
		openSettings(env).settings.setPreferences(scenario.preferences);
	}

	return {cwd, env, endpoints: {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl}};
}

async function headless(name: string, scenario: Scenario) {
	const {cwd, env, endpoints} = await place(name, scenario);
	const run = fakeContext({cwd, env, flags: scenario.flags});
	const {settings} = openSettings(env);
	const code = await withServices(
		run.context,
		(services) =>
			runHeadlessOnboard(run.context, services, {
				ref: widget,
				token: sandbox.tokens.repoWrite,
				settings,
			}),
		{endpoints, settings},
	);
	expect(run.stderr()).not.toContain('bbtok-tui:');
	expect(code).toBe(0);
	return outcome(cwd, env);
}

async function wizard(name: string, scenario: Scenario) {
	const {cwd, env, endpoints} = await place(name, scenario);
	const {settings} = openSettings(env);
	const onExit = vi.fn();
	await withServices(
		{flags: {}, env, cwd},
		async (services) => {
			const ink = await renderInk(
				<UiTheme color={false}>
					<Wizard
						services={services}
						settings={settings}
						defaults={onboardDefaults(scenario.flags, settings.preferences())}
						acceptDefaults
						initialRef={widget}
						envToken={sandbox.tokens.repoWrite}
						onExit={onExit}
					/>
				</UiTheme>,
			);
			await ink.waitFor('7/7 Done', {timeoutMs: 20_000});
			await ink.waitFor(/[\da-f]{7}/);
			await ink.press('q');
			await ink.waitFor(() => onExit.mock.calls.length > 0);
			ink.unmount();
		},
		{endpoints, settings},
	);
	expect(onExit).toHaveBeenCalledWith(0);
	return outcome(cwd, env);
}

/** What a run leaves behind, with the run's own folders taken out. */
async function outcome(cwd: string, env: {BBTOK_CONFIG_DIR: string}) {
	const [dir] = await readdir(cwd);
	const clone = path.join(cwd, dir!);
	const config = (key: string) => git(['config', '--local', '--get', key], {cwd: clone});
	const {settings} = openSettings(env);
	return {
		folder: dir,
		head: await git(['rev-parse', 'HEAD'], {cwd: clone}),
		branch: await git(['rev-parse', '--abbrev-ref', 'HEAD'], {cwd: clone}),
		commits: await git(['rev-list', '--count', 'HEAD'], {cwd: clone}),
		branches: await git(['for-each-ref', '--format=%(refname)', 'refs/remotes'], {cwd: clone}),
		remote: (await config('remote.origin.url')).replace(/\/\/[^@]*@/, '//TOKEN@'),
		email: await config('user.email'),
		preferences: settings.preferences(),
		recent: settings.recent().map(({lastUsed: _lastUsed, dir: recentDir, ...entry}) => ({
			...entry,
			dir: path.relative(cwd, recentDir ?? ''),
		})),
	};
}

describe('the headless run and the wizard with --yes', () => {
	test('no flags: the same full clone, the bot found in recent commits, the same settings', async () => {
		const scenario: Scenario = {flags: {}};
		const [a, b] = [
			await headless('plain-headless', scenario),
			await wizard('plain-wizard', scenario),
		];
		expect(a.email).toBe(sandbox.botEmails.repoWrite);
		expect(a.preferences).toEqual({auth: 'prompt'});
		expect(b).toEqual(a);
	});

	test('flags over remembered preferences: --branch, --depth, --dir, --bot-email; auth embed remembered', async () => {
		const scenario: Scenario = {
			flags: {branch: 'develop', depth: 2, dir: 'here', botEmail: 'c0ffee'},
			preferences: {auth: 'embed', depth: 5},
		};
		const [a, b] = [
			await headless('flags-headless', scenario),
			await wizard('flags-wizard', scenario),
		];
		expect(a).toMatchObject({
			folder: 'here',
			branch: 'develop',
			commits: '2',
			email: 'c0ffee@bots.bitbucket.org',
			remote: expect.stringContaining('//TOKEN@'),
			preferences: {auth: 'embed', depth: 2},
		});
		expect(b).toEqual(a);
	});

	test('a bot email remembered for the repository wins over the one in its commits, in both', async () => {
		const remembered = {preferences: {}, flags: {}};
		const runs = [];
		for (const [name, run] of [
			['remembered-headless', headless],
			['remembered-wizard', wizard],
		] as const) {
			const env = {BBTOK_CONFIG_DIR: path.join(root, `${name}-config`)};
			openSettings(env).settings.remember({...widget, botEmail: 'remembered@bots.bitbucket.org'});
			runs.push(await run(name, remembered));
		}

		expect(runs[0]!.email).toBe('remembered@bots.bitbucket.org');
		expect(runs[1]).toEqual(runs[0]);
	});
});
