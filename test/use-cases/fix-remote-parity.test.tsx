/**
 * fix-remote's rules, pinned across the front ends: the same clone, flags, settings and
 * token through the headless run and through the screens (with --yes, so they ask
 * nothing) write the same .git/config and remember the same things.
 */
import {readFile, realpath} from 'node:fs/promises';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {act} from 'react';
import {afterAll, beforeAll, describe, expect, test, vi} from 'vitest';
import type {Flags} from '../../source/core/context.js';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';
import {withServices} from '../../source/services/services.js';
import {openSettings} from '../../source/settings/store.js';
import {FixRemoteApp} from '../../source/ui/fix-remote/app.js';
import {runHeadlessFixRemote} from '../../source/use-cases/fix-remote/headless.js';
import {chooseRemote} from '../../source/use-cases/fix-remote/remote-choice.js';
import {prepareFixRemote} from '../../source/use-cases/fix-remote/setup.js';
import {git, tempDirs} from '../fix-remote/git-fixtures.js';
import {fakeContext} from '../onboard/fake-context.js';

(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

const temp = tempDirs();
let sandbox: Sandbox;
const widget = {workspace: 'acme', repo: 'widget'};

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});
afterAll(async () => {
	await sandbox.close();
	await temp.cleanup();
});

type Scenario = {
	remotes: Record<string, string>;
	flags: Partial<Flags>;
	rememberedBotEmail?: string;
};

/** A clone with the scenario's remotes, and a settings folder with what it remembers. */
async function place(scenario: Scenario) {
	const base = await realpath(await temp.make());
	const dir = path.join(base, 'widget');
	await git(base, ['init', '-q', dir]);
	for (const [name, url] of Object.entries(scenario.remotes)) {
		await git(dir, ['remote', 'add', name, url]);
	}

	const env = {
		BBTOK_API_URL: sandbox.apiUrl,
		BBTOK_GIT_URL: sandbox.gitUrl,
		BBTOK_CONFIG_DIR: await temp.make('bbtok-settings-'),
		BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoWrite,
	};
	const {settings} = openSettings(env);
	if (scenario.rememberedBotEmail) {
		settings.remember({...widget, botEmail: scenario.rememberedBotEmail});
	}

	return {dir, env, run: fakeContext({cwd: dir, env, flags: scenario.flags})};
}

async function headless(scenario: Scenario) {
	const {dir, env, run} = await place(scenario);
	const code = await withServices(run.context, async (services) =>
		runHeadlessFixRemote(run.context, await prepareFixRemote(run.context, services)),
	);
	expect(run.stderr()).not.toContain('bbtok-tui:');
	expect(code).toBe(0);
	return outcome(dir, env);
}

async function screens(scenario: Scenario) {
	const {dir, env, run} = await place(scenario);
	const context = {...run.context, flags: {...run.context.flags, yes: true}};
	const onExit = vi.fn();
	await withServices(context, async (services) => {
		const setup = await prepareFixRemote(context, services);
		const choice = chooseRemote({
			remotes: setup.inspection.remotes,
			candidates: setup.inspection.candidates,
			requested: context.flags.remote,
			where: setup.where,
		});
		const app = render(
			<FixRemoteApp
				context={context}
				setup={setup}
				choice={choice}
				envToken={sandbox.tokens.repoWrite}
				onExit={onExit}
			/>,
		);
		await vi.waitFor(() => expect(onExit).toHaveBeenCalled(), {timeout: 10_000});
		await act(async () => app.unmount());
	});
	expect(onExit).toHaveBeenCalledWith(0);
	return outcome(dir, env);
}

async function outcome(dir: string, env: {BBTOK_CONFIG_DIR: string}) {
	const {settings} = openSettings(env);
	return {
		config: (await readFile(path.join(dir, '.git', 'config'), 'utf8')).replaceAll(
			sandbox.tokens.repoWrite,
			'TOKEN',
		),
		recent: settings.recent().map(({lastUsed: _lastUsed, dir: recentDir, ...entry}) => ({
			...entry,
			dir: path.relative(dir, recentDir ?? ''),
		})),
	};
}

describe('fix-remote headless and on screens with --yes', () => {
	test('--bot-email, --strip-credentials and --auth embed: the same config and settings', async () => {
		const scenario: Scenario = {
			remotes: {
				origin: 'git@bitbucket.org:acme/widget.git',
				backup: 'https://ci:BackupPw-77@example.com/w.git',
			},
			flags: {botEmail: 'c0ffee', stripCredentials: true, auth: 'embed'},
		};
		const a = await headless(scenario);
		const b = await screens(scenario);
		expect(a.config).toContain('\turl = https://ci@example.com/w.git\n');
		expect(a.config).toContain('x-token-auth:TOKEN@');
		expect(a.config).toContain('\temail = c0ffee@bots.bitbucket.org\n');
		expect(a.recent).toEqual([{...widget, dir: '', botEmail: 'c0ffee@bots.bitbucket.org'}]);
		expect(b).toEqual(a);
	});

	test('the bot email remembered for the repository, the clone kept in prompt mode: the same config and settings', async () => {
		const scenario: Scenario = {
			remotes: {origin: 'https://bitbucket.org/acme/widget.git'},
			flags: {},
			rememberedBotEmail: 'remembered@bots.bitbucket.org',
		};
		const a = await headless(scenario);
		const b = await screens(scenario);
		expect(a.config).toContain('\temail = remembered@bots.bitbucket.org\n');
		expect(a.config).not.toContain('TOKEN');
		expect(b).toEqual(a);
	});
});
