import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {UsageError} from '../../source/core/errors.js';
import {cloneUrl, remoteUrlFor} from '../../source/git/remote-url.js';

const widget = {workspace: 'acme', repo: 'widget'};
const token = 'ATCTT3xFfGN0abc+def/ghi=XYZ12345';

describe('cloneUrl', () => {
	it('builds the credential-free clone URL on bitbucket.org', () => {
		expect(cloneUrl('https://bitbucket.org', widget)).toBe('https://bitbucket.org/acme/widget.git');
	});

	it('keeps the scheme, port and path prefix of the git URL and drops its credentials', () => {
		expect(cloneUrl('http://user:secret@127.0.0.1:8123/git/', widget)).toBe(
			'http://127.0.0.1:8123/git/acme/widget.git',
		);
	});

	it('refuses a malformed git URL', () => {
		expect(() => cloneUrl('not a url', widget)).toThrow(UsageError);
	});
});

describe('remoteUrlFor', () => {
	it('names only the token user in prompt mode, even when a token is at hand', () => {
		expect(remoteUrlFor('https://bitbucket.org', widget, 'prompt', token)).toBe(
			'https://x-token-auth@bitbucket.org/acme/widget.git',
		);
	});

	it('embeds the token as issued, encoding only what userinfo forbids', () => {
		expect(remoteUrlFor('http://127.0.0.1:8123', widget, 'embed', token)).toBe(
			'http://x-token-auth:ATCTT3xFfGN0abc+def%2Fghi=XYZ12345@127.0.0.1:8123/acme/widget.git',
		);
	});

	it('refuses embed mode without a token', () => {
		expect(() => remoteUrlFor('https://bitbucket.org', widget, 'embed')).toThrow(UsageError);
	});

	it('yields a URL whose password decodes back to the token, for any token', () => {
		const tokens = fc
			.string({minLength: 1, unit: 'grapheme'})
			.filter((t) => !/[\s\p{Cc}]/u.test(t));
		fc.assert(
			fc.property(tokens, (anyToken) => {
				const url = new URL(remoteUrlFor('https://bitbucket.org/base', widget, 'embed', anyToken));
				expect(decodeURIComponent(url.password)).toBe(anyToken);
				expect(url.username).toBe('x-token-auth');
				expect(url.pathname).toBe('/base/acme/widget.git');
			}),
		);
	});
});
