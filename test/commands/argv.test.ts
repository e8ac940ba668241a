import {describe, expect, it} from 'vitest';
import {parseArgv} from '../../source/commands/argv.js';

const usage = (argv: string[]) => {
	try {
		parseArgv(argv);
	} catch (error) {
		return `${(error as Error).message}${(error as {hint?: string}).hint ? ` | ${(error as {hint?: string}).hint}` : ''}`;
	}

	throw new Error(`${argv.join(' ')} was taken`);
};

describe('parseArgv', () => {
	it('splits the command and its arguments from the flags, by their names in code', () => {
		const parsed = parseArgv([
			'commits',
			'--api-url',
			'http://127.0.0.1:1/2.0',
			'acme/widget',
			'--limit=5',
			'--json',
			'--no-input',
		]);
		expect(parsed.input).toEqual(['commits', 'acme/widget']);
		expect(parsed.flags).toEqual({
			apiUrl: 'http://127.0.0.1:1/2.0',
			limit: '5',
			json: true,
			input: false,
		});
		expect(parsed.help).toBe(false);
		expect(parsed.version).toBe(false);
	});

	it('reads --help and --version', () => {
		expect(parseArgv(['status', '--help'])).toMatchObject({input: ['status'], help: true});
		expect(parseArgv(['--version']).version).toBe(true);
	});

	it('takes the word after a flag that wants a value as its value, even with a dash', () => {
		expect(parseArgv(['--depth', '-1']).flags.depth).toBe('-1');
		expect(parseArgv(['--dir', '-odd-name']).flags.dir).toBe('-odd-name');
	});

	it('ends the flags at --', () => {
		expect(parseArgv(['acme/widget', '--', '--json']).input).toEqual(['acme/widget', '--json']);
	});

	it('says which flag needs a value and which takes none, in one line', () => {
		expect(usage(['acme/widget', '--dir'])).toBe('--dir needs a value: --dir PATH.');
		expect(usage(['--json=yes'])).toBe('--json takes no value.');
	});

	it('refuses --token with or without a value, never echoing it', () => {
		for (const argv of [
			['--token', 'ATCTT3xFfGN0secret'],
			['--token=ATCTT3xFfGN0secret'],
			['--token'],
		]) {
			const message = usage(argv);
			expect(message).toMatch(/^--token is refused/);
			expect(message).not.toContain('secret');
		}
	});

	it('refuses an unknown flag with a guess', () => {
		expect(usage(['--bot-mail', 'x'])).toMatch(
			/^Unknown flag --bot-mail\. \| Did you mean --bot-email\?/,
		);
	});
});
