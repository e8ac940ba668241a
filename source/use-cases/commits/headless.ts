/**
 * `commits` without a terminal UI: the newest `limit` commits of a branch, as JSON lines
 * (`--json`, or whenever stdout is not a terminal) or as aligned text lines, streamed page
 * by page so a pipe sees the first commits before the last page arrives. With `statuses`,
 * each commit's build statuses too: one request per commit (a few at a time), so `--limit`
 * is also what the run costs against the rate limit.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitStatus} from '../../bitbucket/types.js';
import {buildMark, buildSummary} from '../../commits/build-status.js';
import {type CommitEntry, toCommitEntry} from '../../commits/commit-entry.js';
import {commitJson} from '../../commits/commit-json.js';
import {type CommitsApi, defaultBranchOf} from '../../commits/feed.js';
import {calendarDay} from '../../commits/relative-date.js';
import {printable, terminalSafeJson} from '../../core/terminal-text.js';

type Writable = {write(chunk: string): unknown};

export type PrintOptions = {
	api: Pick<CommitsApi, 'getRepository' | 'listCommits' | 'nextPage' | 'listCommitStatuses'>;
	ref: RepoRef;
	/** Default: the repository's main branch. */
	branch?: string;
	limit: number;
	format: 'json' | 'text';
	/** Base of the web URLs printed with each commit. */
	gitUrl: string;
	stdout: Writable;
	signal?: AbortSignal;
	/** Each commit's build statuses (`--statuses`). @default false */
	statuses?: boolean;
};

type Printed = {entry: CommitEntry; statuses?: readonly CommitStatus[]};

/** Bitbucket serves 10 to 100 commits per page. */
const pagelenBounds = {min: 10, max: 100} as const;
/** Text lines stop widening the author column here, so one long name cannot push every subject off screen. */
const maxAuthorWidth = 24;

export async function printCommits(options: PrintOptions): Promise<void> {
	const {api, ref, limit, signal} = options;
	const withSignal = signal ? {signal} : {};
	const revision = options.branch ?? (await defaultBranchOf(api, ref, signal));
	const pagelen = Math.min(pagelenBounds.max, Math.max(pagelenBounds.min, limit));
	const text: Printed[] = [];
	let remaining = limit;
	let page = await api.listCommits(ref, {revision, pagelen, ...withSignal});
	for (;;) {
		const entries = page.values.slice(0, remaining).map(toCommitEntry);
		remaining -= entries.length;
		const printed = options.statuses
			? await withStatuses(options, entries)
			: entries.map((entry) => ({entry}));
		if (options.format === 'json') {
			options.stdout.write(printed.map((item) => `${jsonLine(item, options)}\n`).join(''));
		} else {
			text.push(...printed);
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

/** Requests in flight at once for `--statuses`: quick, without a burst the API would throttle. */
const statusConcurrency = 4;

async function withStatuses(
	options: PrintOptions,
	entries: readonly CommitEntry[],
): Promise<Printed[]> {
	const printed: Printed[] = entries.map((entry) => ({entry}));
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < printed.length; index = next++) {
			const item = printed[index] as Printed;
			item.statuses = await options.api.listCommitStatuses(
				options.ref,
				item.entry.hash,
				options.signal ? {signal: options.signal} : {},
			);
		}
	};
	await Promise.all(Array.from({length: Math.min(statusConcurrency, entries.length)}, worker));
	return printed;
}

/** One commit as printed by `--json`. */
export function jsonLine(item: Printed, options: Pick<PrintOptions, 'gitUrl' | 'ref'>): string {
	return terminalSafeJson(commitJson(item.entry, options, item.statuses));
}

/**
 * `a1b2c3d  2024-03-05  Alice Martin  Subject`, the author column as wide as the widest name
 * shown; with statuses, the build mark after the hash (`a1b2c3d ✗  2024-03-05 …`).
 */
export function textLines(items: readonly Printed[]): string {
	const width = Math.min(
		maxAuthorWidth,
		items.reduce((widest, {entry}) => Math.max(widest, [...entry.author.name].length), 0),
	);
	return items
		.map(({entry, statuses}) => {
			const author = fitTo(entry.author.name, width);
			const mark = statuses === undefined ? '' : ` ${buildMark(buildSummary(statuses))}`;
			return `${entry.shortHash}${mark}  ${calendarDay(entry.isoDate).padEnd(10)}  ${author}  ${entry.subject}\n`;
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
