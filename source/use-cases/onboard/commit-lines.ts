/**
 * A Bitbucket commit as bbtok-tui prints it headless: one aligned plain line, or a JSON record.
 * Commit text is outside data, so control characters (terminal escapes) are dropped and any
 * known secret is redacted.
 */

import type {Commit} from '../../bitbucket/types.js';
import {redact} from '../../core/redaction.js';
import {cutToWidth, padding, stringWidth} from '../../core/text-width.js';

export type CommitRecord = {hash: string; date: string; author: string; summary: string};

export function commitRecord(commit: Commit): CommitRecord {
	const message = commit.summary?.raw ?? commit.message ?? '';
	return {
		hash: clean(commit.hash ?? ''),
		date: clean(commit.date ?? ''),
		author: clean(authorName(commit)),
		summary: clean(message.trim().split('\n', 1)[0] ?? ''),
	};
}

/** `1a2b3c4  2024-05-01  Jane Doe              Fix the parser` */
export function commitLine(record: CommitRecord, width = 100): string {
	const author = cutToWidth(record.author, 20);
	const head = `${record.hash.slice(0, 7)}  ${record.date.slice(0, 10)}  ${author}${padding(author, 20)}  `;
	return `${head}${cutToWidth(record.summary, Math.max(20, width - stringWidth(head)))}`;
}

function authorName(commit: Commit): string {
	const raw = commit.author?.raw;
	const name = raw?.replace(/\s*<[^>]*>\s*$/, '').trim();
	return name || commit.author?.user?.display_name || '';
}

function clean(text: string): string {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
	return redact(text.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' '))
		.replace(/\s+/g, ' ')
		.trim();
}
