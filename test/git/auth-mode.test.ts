import {describe, expect, test} from 'vitest';
import {remoteAuthOf, secretAuth} from '../../source/git/auth-mode.js';

const access = 'ATCTT3xFfGN0abcdefgh=12345678';
const apiToken = 'ATATT3xFfGF0abcdefgh=12345678';
const appPassword = 'ATBBx7Kq2mVnT9sLpW4e';

describe('remoteAuthOf', () => {
	test.each([
		['https://x-token-auth@bitbucket.org/acme/widget.git', {}, 'prompt', 'ok'],
		['https://x-token-auth@bitbucket.org/acme/widget.git', {helperScoped: true}, 'helper', 'ok'],
		[`https://x-token-auth:${access}@bitbucket.org/acme/widget.git`, {}, 'embed', 'ok'],
		[`https://x-bitbucket-api-token-auth:${apiToken}@bitbucket.org/a/w.git`, {}, 'api-token', 'ok'],
		['https://x-bitbucket-api-token-auth@bitbucket.org/acme/widget.git', {}, 'api-token', 'ok'],
		[`https://jo:${apiToken}@bitbucket.org/acme/widget.git`, {}, 'api-token', 'ok'],
		[`https://jo:${appPassword}@bitbucket.org/acme/widget.git`, {}, 'app-password', 'dead'],
		['https://jo:hunter2@bitbucket.org/acme/widget.git', {}, 'user-password', 'dead'],
		['https://jo@bitbucket.org/acme/widget.git', {}, 'user-password', 'needs-token'],
		['https://bitbucket.org/acme/widget.git', {}, 'other', 'needs-token'],
		['git@bitbucket.org:acme/widget.git', {}, 'ssh', 'ok'],
		['ssh://git@bitbucket.org/acme/widget.git', {}, 'ssh', 'ok'],
	] as const)('%s %j is %s (%s)', (url, options, mode, verdict) => {
		const found = remoteAuthOf(url, options);
		expect([found.mode, found.verdict]).toEqual([mode, verdict]);
		expect(JSON.stringify(found)).not.toMatch(/ATCTT|ATATT|ATBB|hunter2/);
	});

	test('a percent-encoded secret is decoded before it is classified', () => {
		expect(
			remoteAuthOf(`https://jo:${encodeURIComponent(`${appPassword}=`)}@bitbucket.org/a/w.git`)
				.mode,
		).toBe('app-password');
	});
});

describe('secretAuth', () => {
	test('an x-token-auth entry is an access token whatever its prefix', () => {
		expect(secretAuth('x-token-auth', 'anything')).toEqual({mode: 'embed', verdict: 'ok'});
	});
});
