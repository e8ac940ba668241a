/**
 * The token's bot email: what a user types for it (a full address or the bare bot id shown on
 * the access-tokens page), and the bot emails already visible in a repository's history, since
 * the API cannot say which bot a token belongs to.
 */

import {classifyToken} from '../bitbucket/token.js';
import type {Commit} from '../bitbucket/types.js';
import {UsageError} from '../core/errors.js';

export const botDomain = 'bots.bitbucket.org';

const botIdPattern = /^[a-z\d][a-z\d._+-]*$/i;
const emailPattern =
	/^[^\s@<>",;]+@[a-z\d](?:[a-z\d-]*[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]*[a-z\d])?)+$/i;

/** `1a2b3c` → `1a2b3c@bots.bitbucket.org`; a full address is kept (trimmed, domain lowercased). */
export function normalizeBotEmail(input: string): string {
	const text = input.trim();
	// A token in the wrong flag would pass as a bare bot id and end up in .git/config.
	if (classifyToken(text) !== 'unknown') {
		throw new UsageError("--bot-email got a token (not shown), not the bot's email.", {
			hint: `Give the token at the prompt, with --token-stdin or in BITBUCKET_ACCESS_TOKEN, and the bot's email, e.g. --bot-email 1a2b3c4d@${botDomain}.`,
		});
	}
	if (!text.includes('@') && botIdPattern.test(text)) {
		return `${text}@${botDomain}`;
	}

	if (emailPattern.test(text)) {
		const at = text.lastIndexOf('@');
		return `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
	}

	throw new UsageError(
		`--bot-email takes the bot's email or its bare id, not ${JSON.stringify(text.slice(0, 80))}.`,
		{
			hint: `Copy it from the repository's Access tokens page, e.g. --bot-email 1a2b3c4d@${botDomain}.`,
		},
	);
}

/**
 * Why an address that is not a bot's deserves a second look, or undefined for a bot's: the
 * address is allowed (a team may have reasons), but Bitbucket then shows the token's pushes
 * under someone else's name.
 */
export function nonBotEmailWarning(email: string): string | undefined {
	return email.toLowerCase().endsWith(`@${botDomain}`)
		? undefined
		: `${email} is not a bot address (…@${botDomain}): commits pushed with the token will not show as its bot's.`;
}

/** Distinct bot emails among the commits' authors, most recently used first. */
export function botEmailsFromCommits(commits: readonly Commit[]): string[] {
	const dated = commits.map((commit, index) => ({
		email: emailOf(commit.author?.raw),
		time: Date.parse(commit.date ?? '') || Number.NEGATIVE_INFINITY,
		index,
	}));
	// Newest first by date; commits without one keep the order Bitbucket gave (already newest first).
	dated.sort((a, b) => (a.time === b.time ? a.index - b.index : b.time - a.time));
	const emails = new Set<string>();
	for (const {email} of dated) {
		if (email?.endsWith(`@${botDomain}`)) {
			emails.add(email);
		}
	}

	return [...emails];
}

/** The address in git's `Name <email>`, lowercased; undefined when there is none. */
function emailOf(raw: string | undefined): string | undefined {
	const match = raw === undefined ? null : /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(raw);
	return match?.[1]?.toLowerCase();
}
