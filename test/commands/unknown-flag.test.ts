import {describe, expect, it} from 'vitest';
import {unknownFlagError} from '../../source/commands/unknown-flag.js';
import {UsageError} from '../../source/core/errors.js';

const known = ['token-stdin', 'input', 'json', 'bot-email', 'dir', 'depth', 'help', 'version'];

describe('unknownFlagError', () => {
	it('accepts known flags, their --no- forms, values, negative numbers and anything after --', () => {
		expect(
			unknownFlagError(
				['acme/widget', '--no-input', '--json', '--bot-email=x', '--dir', '-5', '--', '--what'],
				known,
			),
		).toBeUndefined();
	});

	it('refuses the first unknown flag in one line, without its value', () => {
		const error = unknownFlagError(['--json', '--frobnicate=secret', '--other'], known);
		expect(error).toBeInstanceOf(UsageError);
		expect(error?.message).toBe('Unknown flag --frobnicate.');
		expect(error?.hint).toBe('Run bbtok-tui --help to see every flag.');
		expect(`${error?.message}${error?.hint}`).not.toContain('secret');
	});

	it('suggests the known flag a typo is closest to', () => {
		expect(unknownFlagError(['--bot-mail', 'x'], known)?.hint).toBe(
			'Did you mean --bot-email? Run bbtok-tui --help to see every flag.',
		);
		expect(unknownFlagError(['--no-jsno'], known)?.hint).toMatch(/^Did you mean --json\?/);
		expect(unknownFlagError(['-h'], known)?.message).toBe('Unknown flag -h.');
	});

	it('never echoes what is not a flag name, such as a token pasted after a dash', () => {
		const token = `ATCTT3xFfGN0${'q7Zr2LpX9'.repeat(20)}=A1B2C3D4`;
		for (const argument of [`-${token}`, `--${token}`, `-t${token}`]) {
			const error = unknownFlagError([argument], known);
			expect(error?.message).toBe('Unknown flag (not shown: it is no flag name).');
			expect(`${error?.message}${error?.hint}`).not.toContain('q7Zr2LpX9');
		}
	});
});
