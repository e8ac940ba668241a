import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {BbtokError} from '../../source/core/errors.js';
import {registerSecret} from '../../source/core/redaction.js';
import {maxRecent, openSettings, settingsFolder} from '../../source/settings/store.js';

let folder: string;
const env = () => ({BBTOK_CONFIG_DIR: folder});
const file = () => path.join(folder, 'config.json');

beforeEach(async () => {
	folder = await mkdtemp(path.join(os.tmpdir(), 'bbtok-settings-'));
});

afterEach(async () => {
	await rm(folder, {recursive: true, force: true});
});

describe('openSettings', () => {
	it('starts empty without a file and writes it 0600 in BBTOK_CONFIG_DIR', async () => {
		const {settings, warning} = openSettings(env());
		expect(warning).toBeUndefined();
		expect(settings.recent()).toEqual([]);
		expect(settings.preferences()).toEqual({});
		expect(settings.path).toBe(file());

		settings.remember({workspace: 'acme', repo: 'widget', dir: '/src/widget'});
		expect((await stat(file())).mode & 0o777).toBe(0o600);
		const stored = JSON.parse(await readFile(file(), 'utf8'));
		expect(stored.recent[0]).toMatchObject({workspace: 'acme', repo: 'widget', dir: '/src/widget'});
	});

	it('uses conf’s OS folder named bbtok-tui, without the -nodejs suffix, by default', () => {
		expect(path.basename(settingsFolder({}))).toBe('bbtok-tui');
		expect(settingsFolder({BBTOK_CONFIG_DIR: ' '})).not.toContain('nodejs');
		expect(settingsFolder({BBTOK_CONFIG_DIR: 'relative/dir'})).toBe(path.resolve('relative/dir'));
	});

	it('reads back what an earlier run remembered', () => {
		openSettings(env()).settings.remember({
			workspace: 'acme',
			repo: 'widget',
			botEmail: 'b1@bots.bitbucket.org',
		});
		const {settings} = openSettings(env());
		expect(settings.botEmailFor({workspace: 'acme', repo: 'widget'})).toBe('b1@bots.bitbucket.org');
		expect(settings.botEmailFor({workspace: 'acme', repo: 'gadget'})).toBeUndefined();
	});

	it.each([
		['not JSON', '{"recent": [', /is not valid JSON/],
		['schema-invalid', JSON.stringify({recent: [{workspace: 1, repo: 'x'}]}), /does not match/],
		[
			'an unknown auth preference',
			JSON.stringify({preferences: {auth: 'password'}}),
			/does not match/,
		],
		['a list instead of an object', '[1, 2]', /does not match/],
		['null', 'null', /does not match/],
	])(
		'moves a file that is %s aside, warns in one line, and starts afresh',
		async (_, content, problem) => {
			await writeFile(file(), content);
			const {settings, warning} = openSettings(env());
			expect(warning).toMatch(problem);
			expect(warning).toContain(file());
			expect(warning).not.toContain('\n');
			expect(settings.recent()).toEqual([]);

			const names = await readdir(folder);
			const aside = names.find((name) => name.startsWith('config.json.corrupt-'));
			expect(aside).toBeDefined();
			expect(warning).toContain(aside);
			expect(await readFile(path.join(folder, aside!), 'utf8')).toBe(content);

			settings.remember({workspace: 'acme', repo: 'widget'});
			expect(openSettings(env()).settings.recent()).toHaveLength(1);
		},
	);

	it('sets an unreadable settings file aside too', async () => {
		// A directory where the file should be: unreadable as a file, even for root.
		await mkdir(file());
		const {settings, warning} = openSettings(env());
		expect(warning).toMatch(/cannot be read \(EISDIR\)/);
		expect(settings.recent()).toEqual([]);
		settings.setPreferences({auth: 'embed'});
		expect(openSettings(env()).settings.preferences()).toEqual({auth: 'embed'});
	});
});

describe('a settings folder that cannot be used', () => {
	it('keeps settings in memory for this run, with a warning, when BBTOK_CONFIG_DIR is a file', async () => {
		const notAFolder = path.join(folder, 'plain-file');
		await writeFile(notAFolder, 'not a folder\n');
		const {settings, warning} = openSettings({BBTOK_CONFIG_DIR: notAFolder});
		expect(warning).toMatch(
			/cannot be read \(ENOTDIR\) and cannot be moved aside; settings are not kept this run\.$/,
		);
		expect(settings.path).toBeUndefined();
		settings.remember({workspace: 'acme', repo: 'widget'});
		expect(settings.recent()).toEqual([expect.objectContaining({repo: 'widget'})]);
		expect(await readFile(notAFolder, 'utf8')).toBe('not a folder\n');
	});
});

describe('recent repositories', () => {
	it('keeps the newest first, one entry per repository, remembered fields kept', () => {
		const {settings} = openSettings(env());
		settings.remember({
			workspace: 'acme',
			repo: 'widget',
			dir: '/a',
			botEmail: 'w@bots.bitbucket.org',
			lastUsed: '2024-01-01T00:00:00.000Z',
		});
		settings.remember({workspace: 'acme', repo: 'gadget', lastUsed: '2024-01-02T00:00:00.000Z'});
		settings.remember({workspace: 'acme', repo: 'widget', lastUsed: '2024-01-03T00:00:00.000Z'});

		expect(settings.recent()).toEqual([
			{
				workspace: 'acme',
				repo: 'widget',
				dir: '/a',
				botEmail: 'w@bots.bitbucket.org',
				lastUsed: '2024-01-03T00:00:00.000Z',
			},
			{workspace: 'acme', repo: 'gadget', lastUsed: '2024-01-02T00:00:00.000Z'},
		]);
	});

	it(`keeps at most ${maxRecent}`, () => {
		const {settings} = openSettings(env());
		for (let index = 0; index < maxRecent + 5; index++) {
			settings.remember({workspace: 'acme', repo: `repo-${index}`});
		}

		const recent = openSettings(env()).settings.recent();
		expect(recent).toHaveLength(maxRecent);
		expect(recent[0]!.repo).toBe(`repo-${maxRecent + 4}`);
	});

	it('stamps lastUsed with the current time by default', () => {
		const {settings} = openSettings(env());
		const before = Date.now();
		settings.remember({workspace: 'acme', repo: 'widget'});
		const lastUsed = Date.parse(settings.recent()[0]!.lastUsed);
		expect(lastUsed).toBeGreaterThanOrEqual(before);
		expect(lastUsed).toBeLessThanOrEqual(Date.now());
	});
});

describe('preferences', () => {
	it('merges, clears with undefined, and survives a restart', () => {
		const {settings} = openSettings(env());
		settings.setPreferences({auth: 'embed'});
		settings.setPreferences({depth: 5});
		expect(openSettings(env()).settings.preferences()).toEqual({auth: 'embed', depth: 5});
		settings.setPreferences({auth: undefined});
		expect(openSettings(env()).settings.preferences()).toEqual({depth: 5});
	});

	it.each(['prompt', 'helper', 'embed'] as const)('keeps --auth %s as the next default', (auth) => {
		const {settings} = openSettings(env());
		settings.setPreferences({auth});
		const reopened = openSettings(env());
		expect(reopened.warning).toBeUndefined();
		expect(reopened.settings.preferences()).toEqual({auth});
	});
});

describe('never a token', () => {
	it('refuses a registered secret or a token-shaped value, and writes nothing', async () => {
		const secret = 'ATCTT3xFfGN0settings-secret=ABCD1234';
		registerSecret(secret);
		const {settings} = openSettings(env());
		settings.remember({workspace: 'acme', repo: 'widget', botEmail: 'w@bots.bitbucket.org'});
		const before = await readFile(file(), 'utf8');

		expect(() => settings.remember({workspace: 'acme', repo: 'widget', botEmail: secret})).toThrow(
			BbtokError,
		);
		expect(() =>
			settings.remember({workspace: 'acme', repo: 'widget', dir: `/tmp/${secret}`}),
		).toThrow(/Refused to save a token/);
		expect(() =>
			settings.remember({workspace: 'acme', repo: 'x', dir: '/ATATT3xFfGF0unregistered'}),
		).toThrow(/Refused/);
		expect(await readFile(file(), 'utf8')).toBe(before);
		expect(before).not.toContain(secret);
	});

	it('reports a failed write as a BbtokError naming the file, never as a crash', async () => {
		const nested = path.join(folder, 'nested');
		const {settings} = openSettings({BBTOK_CONFIG_DIR: nested});
		await rm(nested, {recursive: true, force: true});
		await writeFile(nested, 'a file where the folder was');
		expect(() => settings.remember({workspace: 'acme', repo: 'widget'})).toThrow(
			/cannot save settings to .*nested/,
		);
		// The entry that could not be written is not half-remembered either.
		expect(settings.recent()).toEqual([]);
	});
});
