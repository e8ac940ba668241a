import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import type {CommandContext} from '../../source/core/context.js';
import {UsageError} from '../../source/core/errors.js';
import {redact} from '../../source/core/redaction.js';
import {
	readFirstLine,
	readHeadlessToken,
	tokenFromEnv,
} from '../../source/use-cases/token-source.js';

const accessToken = 'ATCTT3xFfGN0token-source-test=AB12CD34';

function source(options: {
	stdin?: string | Readable;
	tokenStdin?: boolean;
	env?: NodeJS.ProcessEnv;
}) {
	const stdin =
		typeof options.stdin === 'string'
			? Readable.from([Buffer.from(options.stdin)])
			: (options.stdin ?? Readable.from([]));
	return {
		flags: {tokenStdin: options.tokenStdin ?? false} as CommandContext['flags'],
		env: options.env ?? {},
		stdin: stdin as unknown as NodeJS.ReadStream,
	};
}

describe('readHeadlessToken', () => {
	it('reads only the first line of stdin with --token-stdin, trimmed (CRLF too)', async () => {
		const token = await readHeadlessToken(
			source({
				tokenStdin: true,
				stdin: `  ${accessToken}\r\nsecond line\n`,
				env: {BITBUCKET_ACCESS_TOKEN: 'ignored-env'},
			}),
		);
		expect(token).toBe(accessToken);
		// Registered for redaction as soon as it is read.
		expect(redact(`x ${accessToken} y`)).toBe('x *** y');
	});

	it('leaves what follows the first line unread', async () => {
		const stdin = new PassThrough();
		const reading = readFirstLine(stdin);
		stdin.write('first');
		stdin.write('-part\nrest of the input\n');
		expect(await reading).toBe('first-part');
		expect(stdin.read()?.toString()).toBe('rest of the input\n');
	});

	it('accepts a last line without a newline', async () => {
		expect(await readHeadlessToken(source({tokenStdin: true, stdin: accessToken}))).toBe(
			accessToken,
		);
	});

	it.each([
		['empty input', ''],
		['an empty first line', '\nATCTT3xFfGN0second-line'],
		['only spaces', '   \n'],
	])('refuses %s with exit 2', async (_, input) => {
		await expect(readHeadlessToken(source({tokenStdin: true, stdin: input}))).rejects.toThrow(
			/--token-stdin found no token/,
		);
	});

	it('refuses a terminal as --token-stdin: the token would be echoed', async () => {
		const stdin = Object.assign(Readable.from([]), {isTTY: true});
		await expect(readHeadlessToken(source({tokenStdin: true, stdin}))).rejects.toThrow(
			/is a terminal/,
		);
	});

	it('stops reading a first line too long to be a token', async () => {
		const stdin = Readable.from([Buffer.alloc(64 * 1024, 0x41)]);
		await expect(readHeadlessToken(source({tokenStdin: true, stdin}))).rejects.toThrow(/too long/);
	});

	it('falls back to BITBUCKET_ACCESS_TOKEN, and treats an empty one as unset', async () => {
		expect(
			await readHeadlessToken(source({env: {BITBUCKET_ACCESS_TOKEN: ` ${accessToken}\n`}})),
		).toBe(accessToken);
		expect(await readHeadlessToken(source({env: {BITBUCKET_ACCESS_TOKEN: ''}}))).toBeUndefined();
		expect(await readHeadlessToken(source({}))).toBeUndefined();
	});

	it('refuses inner whitespace before anything is sent, never quoting the value', async () => {
		const error = await readHeadlessToken(
			source({env: {BITBUCKET_ACCESS_TOKEN: 'ATCTT3 xFfGN0'}}),
		).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(UsageError);
		expect((error as Error).message).not.toContain('xFfGN0');
	});

	it('refuses a user API token with the advice for it', async () => {
		const error = await readHeadlessToken(
			source({tokenStdin: true, stdin: 'ATATT3xFfGF0user-api-token=XYZ\n'}),
		).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(UsageError);
		expect((error as UsageError).message).toMatch(/user API token/);
		expect((error as UsageError).hint).toMatch(/x-bitbucket-api-token-auth/);
		expect(`${(error as UsageError).message}${(error as UsageError).hint}`).not.toContain(
			'user-api-token',
		);
	});
});

describe('tokenFromEnv, the one reading of BITBUCKET_ACCESS_TOKEN', () => {
	it.each([
		['unset', {}],
		['empty', {BITBUCKET_ACCESS_TOKEN: ''}],
		['blank', {BITBUCKET_ACCESS_TOKEN: ' \t '}],
	])('is undefined when the variable is %s', (_, env) => {
		expect(tokenFromEnv(env)).toBeUndefined();
	});

	it('is the value, trimmed, registered for redaction', () => {
		const token = 'ATCTT3xFfGN0from-the-environment=EF56';
		expect(tokenFromEnv({BITBUCKET_ACCESS_TOKEN: ` ${token}\n`})).toBe(token);
		expect(redact(token)).toBe('***');
	});

	it('refuses a user API token with advice, as a typed one is', () => {
		expect(() => tokenFromEnv({BITBUCKET_ACCESS_TOKEN: `ATATT3xFfGF0${'x'.repeat(60)}`})).toThrow(
			UsageError,
		);
	});
});
