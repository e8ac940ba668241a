import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Commit} from '../../source/bitbucket/types.js';
import {UsageError} from '../../source/core/errors.js';
import {
	botEmailsFromCommits,
	nonBotEmailWarning,
	normalizeBotEmail,
} from '../../source/use-cases/bot-email.js';

describe('normalizeBotEmail', () => {
	it.each([
		['1a2b3c4d', '1a2b3c4d@bots.bitbucket.org'],
		['  1a2b3c4d\n', '1a2b3c4d@bots.bitbucket.org'],
		['1a2b3c4d@BOTS.Bitbucket.org', '1a2b3c4d@bots.bitbucket.org'],
		['Release.Bot+ci@example.com', 'Release.Bot+ci@example.com'],
	])('%j → %j', (input, expected) => {
		expect(normalizeBotEmail(input)).toBe(expected);
	});

	it.each([
		'',
		'two words',
		'a@b',
		'@bots.bitbucket.org',
		'bot@',
		'Bot <bot@bots.bitbucket.org>',
		'bot@bots.bitbucket.org\nuser.name=x',
		'-flag-like',
	])('refuses %j with one line naming --bot-email', (input) => {
		let error: unknown;
		try {
			normalizeBotEmail(input);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(UsageError);
		expect((error as UsageError).message).toContain('--bot-email');
		expect((error as UsageError).message).not.toContain('\n');
	});

	it('turns every bare id into an address that normalises to itself', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z\d][a-z\d._-]{0,30}$/), (id) => {
				const email = normalizeBotEmail(id);
				expect(email).toBe(`${id}@bots.bitbucket.org`);
				expect(normalizeBotEmail(email)).toBe(email);
			}),
		);
	});
});

describe('nonBotEmailWarning', () => {
	it('is quiet for a bot address and names the address otherwise', () => {
		expect(nonBotEmailWarning('1a2b@bots.bitbucket.org')).toBeUndefined();
		expect(nonBotEmailWarning('1a2b@BOTS.bitbucket.org')).toBeUndefined();
		expect(nonBotEmailWarning('jo@example.com')).toMatch(/^jo@example\.com is not a bot address/);
		expect(nonBotEmailWarning('jo@notbots.bitbucket.org.evil')).toBeDefined();
	});
});

describe('botEmailsFromCommits', () => {
	const commit = (raw: string, date?: string): Commit => ({
		type: 'commit',
		author: {type: 'author', raw},
		...(date ? {date} : {}),
	});

	it('lists distinct bot emails, most recently used first', () => {
		const commits = [
			commit('Alice <alice@example.com>', '2024-03-05T00:00:00+00:00'),
			commit('widget-ci <AAA@bots.bitbucket.org>', '2024-03-01T00:00:00+00:00'),
			commit('deploy <bbb@bots.bitbucket.org>', '2024-03-04T00:00:00+00:00'),
			commit('widget-ci <aaa@bots.bitbucket.org>', '2024-03-03T00:00:00+00:00'),
		];
		expect(botEmailsFromCommits(commits)).toEqual([
			'bbb@bots.bitbucket.org',
			'aaa@bots.bitbucket.org',
		]);
	});

	it('keeps the given order without dates and ignores authors without an address', () => {
		const commits = [
			commit('no address'),
			commit('x <x@bots.bitbucket.org>'),
			{type: 'commit'},
			commit('y <y@bots.bitbucket.org.evil.example>'),
			commit('z <z@bots.bitbucket.org>'),
		];
		expect(botEmailsFromCommits(commits)).toEqual(['x@bots.bitbucket.org', 'z@bots.bitbucket.org']);
	});
});

describe('normalizeBotEmail and tokens', () => {
	it.each([
		'ATCTT3xFfGN0abcdef123456',
		'ATCTT3xFfGN0abc-def_ghi=1A2B3C4D',
		'ATATT3xFfGF0abcdef',
		'ATBB1234567890abcdef',
	])('refuses a token pasted as the bot email (%#) and never repeats it', (token) => {
		let error: unknown;
		try {
			normalizeBotEmail(token);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(UsageError);
		const {message, hint} = error as UsageError;
		expect(message).toMatch(/^--bot-email got a token/);
		expect(`${message} ${hint}`).not.toContain(token.slice(4, 16));
	});
});
