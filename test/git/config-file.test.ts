import {mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/core/errors.js';
import {
	ConfigFile,
	encodeValue,
	readConfigFile,
	writeConfigFile,
} from '../../source/git/config-file.js';
import {configList, git, initRepository, tempDirs} from '../fix-remote/git-fixtures.js';

const temp = tempDirs();
let scratch: string;

beforeAll(async () => {
	scratch = await temp.make();
});
afterAll(() => temp.cleanup());

/** What our parser reads, in `git config --list` form. */
function listOf(config: ConfigFile): string[] {
	return config.entries().map((entry) => {
		const name = [entry.section, entry.subsection, entry.key]
			.filter((part) => part !== undefined)
			.join('.');
		// git lists a bare key (boolean true) without `=`.
		return entry.value === undefined ? name : `${name}=${entry.value}`;
	});
}

let fileCount = 0;
async function configFileWith(text: string): Promise<string> {
	const file = path.join(scratch, `config-${fileCount++}`);
	await writeFile(file, text);
	return file;
}

describe('reading configs written by git', () => {
	it('reads every entry as git does, with tricky remote names and values', async () => {
		const dir = await temp.make();
		const file = await initRepository(dir);
		await git(dir, ['remote', 'add', 'origin', 'git@bitbucket.org:acme/widget.git']);
		await git(dir, ['remote', 'add', 'my.fork', 'https://bitbucket.org/me/widget.git']);
		await git(dir, ['remote', 'add', 'we"ird.name', 'ssh://git@bitbucket.org/acme/widget.git']);
		await git(dir, ['config', 'remote.origin.pushurl', 'https://u:p@example.com/a b#c;d.git']);
		await git(dir, ['config', 'user.name', '  padded "quoted" name\t']);
		await git(dir, ['config', 'alias.lg', 'log --format="%h %s" # not a comment']);
		const config = ConfigFile.parse(await readFile(file, 'utf8'));
		expect(listOf(config)).toEqual(await configList(file));
	});

	it('reads hand-written forms git accepts: continuations, bare keys, header-line keys, old-style subsections', async () => {
		const text = [
			'\uFEFF# leading comment',
			'[Core] bare = false ; trailing',
			'  [alias]',
			'    st = status \\',
			'      --short   # continued',
			'    k = "  sp  ace "  x\\',
			'  y ; c',
			'[remote.Upstream]',
			'\tURL = https://example.com/up.git',
			'[http "https://example.com/"]',
			'\tsslVerify',
			'\tsslVerify = ',
		].join('\r\n');
		const file = await configFileWith(text);
		expect(listOf(ConfigFile.parse(text))).toEqual(await configList(file));
	});

	it('names the line git would reject', () => {
		const bad = () => ConfigFile.parse('[core]\n\tbare = false\n\t= oops\n', '/r/.git/config');
		expect(bad).toThrow(UsageError);
		expect(bad).toThrow('Cannot parse /r/.git/config, line 3: unexpected "=".');
		expect(() => ConfigFile.parse('key = before-any-section\n')).toThrow(/line 1: a key before/);
		expect(() => ConfigFile.parse('[remote "open\n')).toThrow(/line 1: an unterminated/);
		expect(() => ConfigFile.parse('[a]\n\tk = "open\n')).toThrow(/line 2: a quoted value/);
	});
});

describe('editing in place', () => {
	const handEdited = [
		'# managed by hand',
		'[core]',
		'\trepositoryformatversion = 0 ; keep me',
		'',
		'; semicolon comment',
		'[include]',
		'\tpath = ~/.gitconfig.extra',
		'[remote "origin"]',
		'    url = https://jo:app-password@bitbucket.org/acme/widget.git   # old auth',
		'    fetch = +refs/heads/*:refs/remotes/origin/*',
		'[user]',
		'    name = Jo',
		'    # the email goes below',
		'',
	].join('\n');

	it('replaces a value and nothing else on its line or in the file', () => {
		const config = ConfigFile.parse(handEdited);
		const [url] = config.entriesOf({section: 'remote', subsection: 'origin'}, 'url');
		const edited = config.replace(url!, 'https://x-token-auth@bitbucket.org/acme/widget.git');
		expect(edited.text).toBe(
			handEdited.replace(
				'https://jo:app-password@bitbucket.org/acme/widget.git',
				'https://x-token-auth@bitbucket.org/acme/widget.git',
			),
		);
	});

	it('adds a missing key after the section’s last entry, with its indentation', async () => {
		const edited = ConfigFile.parse(handEdited).set(
			{section: 'user'},
			'email',
			'123@bots.bitbucket.org',
		);
		expect(edited.text).toBe(
			handEdited.replace('    name = Jo\n', '    name = Jo\n    email = 123@bots.bitbucket.org\n'),
		);
		const file = await configFileWith(edited.text);
		expect(await git(scratch, ['config', '--file', file, 'user.email'])).toBe(
			'123@bots.bitbucket.org\n',
		);
	});

	it('replaces the effective (last) value of a single-valued key', () => {
		const text = '[user]\n\temail = a@x\n[user]\n\temail = b@x # mine\n';
		expect(ConfigFile.parse(text).set({section: 'User'}, 'email', 'c@x').text).toBe(
			'[user]\n\temail = a@x\n[user]\n\temail = c@x # mine\n',
		);
	});

	it('appends a new section, keeping CRLF and completing an unterminated last line', () => {
		const crlf = '[core]\r\n\tbare = false\r\n';
		expect(ConfigFile.parse(crlf).set({section: 'user'}, 'email', 'e@x').text).toBe(
			`${crlf}[user]\r\n\temail = e@x\r\n`,
		);
		expect(ConfigFile.parse('[core]\n\tbare = false').set({section: 'core'}, 'x', 'y').text).toBe(
			'[core]\n\tbare = false\n\tx = y\n',
		);
		expect(ConfigFile.parse('').set({section: 'user'}, 'email', 'e@x').text).toBe(
			'[user]\n\temail = e@x\n',
		);
	});

	it('edits continued, bare and header-line entries', () => {
		const text = '[user] email = a@x\n[remote "o"]\n\turl = https://a\\\n/b ; c\n\tpushurl\n';
		const config = ConfigFile.parse(text)
			.set({section: 'user'}, 'email', 'b@x')
			.set({section: 'remote', subsection: 'o'}, 'url', 'https://c')
			.set({section: 'remote', subsection: 'o'}, 'pushurl', 'https://d');
		expect(config.text).toBe(
			'[user] email = b@x\n[remote "o"]\n\turl = https://c ; c\n\tpushurl = https://d\n',
		);
	});

	it('writes values that git reads back unchanged', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.string({
						unit: fc.oneof(
							fc.constantFrom(' ', '\t', '\n', '"', '\\', '#', ';', '='),
							fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 1}),
						),
						maxLength: 12,
					}),
					{minLength: 1, maxLength: 20},
				),
				async (values) => {
					let config = ConfigFile.parse('[t]\n');
					for (const [index, value] of values.entries()) {
						config = config.set({section: 't'}, `k${index}`, value);
					}

					const file = await configFileWith(config.text);
					const expected = values.map((value, index) => `t.k${index}=${value}`);
					expect(await configList(file)).toEqual(expected);
					expect(listOf(ConfigFile.parse(config.text))).toEqual(expected);
				},
			),
			{numRuns: 15},
		);
	});

	it('quotes only what needs quoting', () => {
		expect(encodeValue('https://bitbucket.org/a/b.git')).toBe('https://bitbucket.org/a/b.git');
		expect(encodeValue('a#b')).toBe('"a#b"');
		expect(encodeValue(' x')).toBe('" x"');
		expect(encodeValue('say "hi"\\')).toBe('say \\"hi\\"\\\\');
	});
});

describe('writing the file', () => {
	it('renames a complete new file over the old one and keeps its mode', async () => {
		const dir = await temp.make();
		const file = path.join(dir, 'config');
		await writeFile(file, '[core]\n', {mode: 0o600});
		const snapshot = await readConfigFile(file);
		await writeConfigFile(snapshot, '[core]\n\tbare = false\n');
		expect(await readFile(file, 'utf8')).toBe('[core]\n\tbare = false\n');
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		await expect(stat(`${file}.lock`)).rejects.toThrow();
	});

	it('refuses while git holds the lock, and when the file changed since it was read', async () => {
		const dir = await temp.make();
		const file = path.join(dir, 'config');
		await writeFile(file, '[core]\n');
		const snapshot = await readConfigFile(file);
		await writeFile(`${file}.lock`, '');
		await expect(writeConfigFile(snapshot, 'new')).rejects.toThrow(/another git command/);
		expect(await readFile(`${file}.lock`, 'utf8')).toBe('');

		await mkdir(path.join(dir, 'other'));
		const other = path.join(dir, 'other', 'config');
		await writeFile(other, '[core]\n');
		const stale = await readConfigFile(other);
		await writeFile(other, '[core]\n\tbare = true\n');
		await expect(writeConfigFile(stale, 'new')).rejects.toThrow(/changed while/);
		expect(await readFile(other, 'utf8')).toBe('[core]\n\tbare = true\n');
		await expect(stat(`${other}.lock`)).rejects.toThrow();
	});
});
