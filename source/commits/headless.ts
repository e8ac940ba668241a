/**
 * `commits` without a terminal UI: the newest `limit` commits of a branch, as JSON lines
 * (`--json`, or whenever stdout is not a terminal) or as aligned text lines, streamed page
 * by page so a pipe sees the first commits before the last page arrives.
 */
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {printable, terminalSafeJson} from '../core/terminal-text.js';
import {type CommitEntry, commitWebUrl, toCommitEntry} from './commit-entry.js';
import {type CommitsApi, defaultBranchOf} from './feed.js';
import {calendarDay} from './relative-date.js';

type Writable = {write(chunk: string): unknown};

export type PrintOptions = {
	api: Pick<CommitsApi, 'getRepository' | 'listCommits' | 'nextPage'>;
	ref: RepoRef;
	/** Default: the repository's main branch. */
	branch?: string;
	limit: number;
	format: 'json' | 'text';
	/** Base of the web URLs printed with each commit. */
	gitUrl: string;
	stdout: Writable;
	signal?: AbortSignal;
};

/** Bitbucket serves 10 to 100 commits per page. */
const pagelenBounds = {min: 10, max: 100} as const;
/** Text lines stop widening the author column here, so one long name cannot push every subject off screen. */
const maxAuthorWidth = 24;

export async function printCommits(options: PrintOptions): Promise<void> {
	const {api, ref, limit, signal} = options;
	const withSignal = signal ? {signal} : {};
	const revision = options.branch ?? (await defaultBranchOf(api, ref, signal));
	const pagelen = Math.min(pagelenBounds.max, Math.max(pagelenBounds.min, limit));
	const text: CommitEntry[] = [];
	let remaining = limit;
	let page = await api.listCommits(ref, {revision, pagelen, ...withSignal});
	for (;;) {
		const entries = page.values.slice(0, remaining).map(toCommitEntry);
		remaining -= entries.length;
		if (options.format === 'json') {
			options.stdout.write(entries.map((entry) => `${jsonLine(entry, options)}\n`).join(''));
		} else {
			text.push(...entries);
		}

		const next = remaining > 0 ? await api.nextPage(page, withSignal) : undefined;
		if (next === undefined) {
			break;
		}

		page = next;
	}

	if (options.format === 'text') {
		options.stdout.write(textLines(text));
	}
}

/** One commit as printed by `--json`. */
export function jsonLine(
	entry: CommitEntry,
	options: Pick<PrintOptions, 'gitUrl' | 'ref'>,
): string {
	return terminalSafeJson({
		hash: entry.hash,
		date: entry.isoDate ?? null,
		author: entry.author,
		message: entry.message,
		parents: entry.parents,
		url: commitWebUrl(options.gitUrl, options.ref, entry.hash),
	});
}

/** `a1b2c3d  2024-03-05  Alice Martin  Subject`, the author column as wide as the widest name shown. */
export function textLines(entries: readonly CommitEntry[]): string {
	const width = Math.min(
		maxAuthorWidth,
		entries.reduce((widest, entry) => Math.max(widest, [...entry.author.name].length), 0),
	);
	return entries
		.map((entry) => {
			const author = fitTo(entry.author.name, width);
			return `${entry.shortHash}  ${calendarDay(entry.isoDate).padEnd(10)}  ${author}  ${entry.subject}\n`;
		})
		.join('');
}

/** `text` cut or padded to exactly `width` characters (an ellipsis marks a cut). */
function fitTo(text: string, width: number): string {
	const characters = [...printable(text)];
	return characters.length > width
		? `${characters.slice(0, width - 1).join('')}…`
		: characters.join('') + ' '.repeat(width - characters.length);
}
