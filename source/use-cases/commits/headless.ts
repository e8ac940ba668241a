/**
 * `commits` without a terminal UI: the newest `limit` commits of a branch, as JSON lines
 * (`--json`, or whenever stdout is not a terminal) or as aligned text lines, streamed page
 * by page so a pipe sees the first commits before the last page arrives. With `statuses`,
 * each commit's build statuses too: one request per commit (a few at a time), except the
 * commits a page of pipelines answers for when the token has the `pipeline` scope
 * (pipeline-window.ts). It stops, printing what it has, when Bitbucket flags the rate limit
 * as near (X-RateLimit-NearLimit): `--limit 1000` must not spend the token's hour.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitStatus} from '../../bitbucket/types.js';
import {buildMark, buildSummary} from '../../commits/build-status.js';
import {type CommitEntry, toCommitEntry} from '../../commits/commit-entry.js';
import {commitJson} from '../../commits/commit-json.js';
import {type CommitsApi, defaultBranchOf} from '../../commits/feed.js';
import {calendarDay} from '../../commits/relative-date.js';
import {NetworkError} from '../../core/errors.js';
import {printable, terminalSafeJson} from '../../core/terminal-text.js';
import {cutToWidth, padding, stringWidth} from '../../core/text-width.js';
import {PipelineWindow} from './pipeline-window.js';

type Writable = {write(chunk: string): unknown};

export type PrintOptions = {
	api: Pick<
		CommitsApi,
		| 'getRepository'
		| 'listCommits'
		| 'nextPage'
		| 'listCommitStatuses'
		| 'listPipelines'
		| 'rateLimit'
		| 'grant'
	>;
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
	const window = options.statuses ? new PipelineWindow(api, ref) : undefined;
	const text: Printed[] = [];
	let remaining = limit;
	let done = 0;
	let page = await api.listCommits(ref, {revision, pagelen, ...withSignal});
	for (;;) {
		const entries = page.values.slice(0, remaining).map(toCommitEntry);
		remaining -= entries.length;
		const printed: Printed[] = window
			? await withStatuses(options, window, entries)
			: entries.map((entry) => ({entry}));
		// With --statuses, a commit left without them was not asked for: the limit is near.
		const unasked = window ? printed.findIndex((item) => item.statuses === undefined) : -1;
		const shown = unasked === -1 ? printed : printed.slice(0, unasked);
		done += shown.length;
		if (options.format === 'json') {
			options.stdout.write(shown.map((item) => `${jsonLine(item, options)}\n`).join(''));
		} else {
			text.push(...shown);
		}

		if (shown.length < printed.length) {
			if (options.format === 'text') {
				options.stdout.write(textLines(text));
			}

			throw nearLimitStop(done);
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

function nearLimitStop(printed: number): NetworkError {
	return new NetworkError(
		`Stopped after ${printed} commits: Bitbucket says this token is near its rate limit (X-RateLimit-NearLimit).`,
		{
			hint: 'Build statuses cost a request per commit (fewer with the pipeline scope); try again later, with a smaller --limit, or without --statuses.',
		},
	);
}

/** Requests in flight at once for `--statuses`: quick, without a burst the API would throttle. */
const statusConcurrency = 4;

/**
 * `entries` with their statuses: from the pipelines window while a page of it answers for two
 * or more of them, then one request per commit. An entry left without statuses was not asked
 * for: the rate limit is near.
 */
async function withStatuses(
	options: PrintOptions,
	window: PipelineWindow,
	entries: readonly CommitEntry[],
): Promise<Printed[]> {
	const {api, signal} = options;
	const nearLimit = () => api.rateLimit?.nearLimit === true;
	const uncovered = () => entries.filter((entry) => window.statusesOf(entry) === undefined).length;
	for (let before = uncovered(); window.canGrow && before >= 2 && !nearLimit(); ) {
		await window.grow(signal ? {signal} : {});
		const after = uncovered();
		if (before - after < 2) {
			break;
		}

		before = after;
	}

	const printed: Printed[] = entries.map((entry) => {
		const statuses = window.statusesOf(entry);
		return statuses === undefined ? {entry} : {entry, statuses};
	});
	const asked = printed.filter((item) => item.statuses === undefined);
	let next = 0;
	const worker = async () => {
		for (let index = next++; index < asked.length && !nearLimit(); index = next++) {
			const item = asked[index] as Printed;
			item.statuses = await api.listCommitStatuses(
				options.ref,
				item.entry.hash,
				signal ? {signal} : {},
			);
		}
	};
	await Promise.all(Array.from({length: Math.min(statusConcurrency, asked.length)}, worker));
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
		items.reduce(
			(widest, {entry}) => Math.max(widest, stringWidth(printable(entry.author.name))),
			0,
		),
	);
	return items
		.map(({entry, statuses}) => {
			const author = fitTo(entry.author.name, width);
			const mark = statuses === undefined ? '' : ` ${buildMark(buildSummary(statuses))}`;
			return `${entry.shortHash}${mark}  ${calendarDay(entry.isoDate).padEnd(10)}  ${author}  ${entry.subject}\n`;
		})
		.join('');
}

/** `text` cut or padded to exactly `width` columns (an ellipsis marks a cut). */
function fitTo(text: string, width: number): string {
	const shown = cutToWidth(printable(text), width);
	return `${shown}${padding(shown, width)}`;
}
