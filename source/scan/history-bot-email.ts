/**
 * The bot email a clone's own recent history shows, for a clone with no --bot-email and no
 * remembered one: read locally (no request, so the rate limit is spent on reach checks only)
 * and picked by the same rule as the wizard's (botEmailsFromCommits: the newest bot author).
 */
import fs from 'node:fs';
import git from 'isomorphic-git';
import type {Commit} from '../bitbucket/types.js';
import {botEmailsFromCommits} from '../use-cases/bot-email.js';

const recent = 50;

export async function botEmailFromHistory(
	root: string,
	gitDir: string,
): Promise<string | undefined> {
	try {
		const log = await git.log({fs, dir: root, gitdir: gitDir, depth: recent});
		const commits: Commit[] = log.map(({oid, commit}) => ({
			type: 'commit',
			hash: oid,
			author: {type: 'author', raw: `${commit.author.name} <${commit.author.email}>`},
			date: new Date(commit.author.timestamp * 1000).toISOString(),
		}));
		return botEmailsFromCommits(commits)[0];
	} catch {
		// No commits yet, or a history isomorphic-git cannot read: no suggestion, not a failure.
		return undefined;
	}
}
