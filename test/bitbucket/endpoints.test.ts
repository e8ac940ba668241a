import {describe, expect, it} from 'vitest';
import {isLoopbackHost, resolveEndpoints} from '../../source/bitbucket/endpoints.js';
import {UsageError} from '../../source/core/errors.js';

describe('resolveEndpoints', () => {
	it('defaults to Bitbucket Cloud', () => {
		expect(resolveEndpoints({}, {})).toEqual({
			apiUrl: 'https://api.bitbucket.org/2.0',
			gitUrl: 'https://bitbucket.org',
		});
	});

	it('lets flags win over variables, and ignores empty variables', () => {
		const env = {
			BBTOK_API_URL: 'https://env.example/2.0',
			BBTOK_GIT_URL: 'https://git.env.example',
		};
		expect(resolveEndpoints({apiUrl: 'https://flag.example/2.0'}, env)).toEqual({
			apiUrl: 'https://flag.example/2.0',
			gitUrl: 'https://git.env.example',
		});
		expect(resolveEndpoints({}, {BBTOK_API_URL: ' ', BBTOK_GIT_URL: ''})).toEqual(
			resolveEndpoints({}, {}),
		);
	});

	it('removes trailing slashes', () => {
		expect(
			resolveEndpoints({apiUrl: 'http://127.0.0.1:8080/2.0//', gitUrl: 'http://localhost:9/'}, {}),
		).toEqual({apiUrl: 'http://127.0.0.1:8080/2.0', gitUrl: 'http://localhost:9'});
	});

	it('allows plain http only to loopback hosts', () => {
		for (const url of [
			'http://127.0.0.1:1',
			'http://127.9.8.7',
			'http://[::1]:80',
			'http://localhost',
		]) {
			expect(() => resolveEndpoints({gitUrl: url}, {}), url).not.toThrow();
		}

		for (const url of [
			'http://128.0.0.1',
			'http://localhost.example.com',
			'http://[::2]',
			'http://10.0.0.1',
		]) {
			expect(() => resolveEndpoints({gitUrl: url}, {}), url).toThrow(UsageError);
		}
	});

	it('names the flag or the variable that is wrong', () => {
		expect(() => resolveEndpoints({apiUrl: 'http://api.example'}, {})).toThrow(
			/^--api-url uses plain http/,
		);
		expect(() => resolveEndpoints({}, {BBTOK_GIT_URL: 'http://git.example'})).toThrow(
			/^BBTOK_GIT_URL uses plain http/,
		);
		expect(() => resolveEndpoints({}, {BBTOK_API_URL: 'not a url'})).toThrow(
			/^BBTOK_API_URL is not a URL/,
		);
		expect(() => resolveEndpoints({gitUrl: 'ftp://bitbucket.org'}, {})).toThrow(
			/^--git-url must be an https/,
		);
		expect(() => resolveEndpoints({apiUrl: 'https://api.example/2.0?x=1'}, {})).toThrow(/query/);
	});

	it('refuses credentials without repeating them', () => {
		const error = catchError(() =>
			resolveEndpoints({}, {BBTOK_GIT_URL: 'https://x-token-auth:hunter2secret@bitbucket.org'}),
		);
		expect(error).toBeInstanceOf(UsageError);
		expect(error.message).toBe('BBTOK_GIT_URL must not contain credentials.');
		expect(() => resolveEndpoints({apiUrl: 'https://user@api.example'}, {})).toThrow(/credentials/);
	});
});

describe('isLoopbackHost', () => {
	it('matches 127.0.0.0/8, ::1 and localhost only', () => {
		expect(['127.0.0.1', '127.255.0.3', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
		expect(['126.0.0.1', '[::ffff:1]', 'localhostx', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
	});
});

function catchError(action: () => unknown): UsageError {
	try {
		action();
	} catch (error) {
		return error as UsageError;
	}

	throw new Error('expected a throw');
}
