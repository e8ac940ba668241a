/**
 * Build statuses for the browser, spent like the rate limit they cost (about 1,000 requests
 * an hour per token): asked only for the commits the browser names (the rows in view and a
 * few ahead), at most `concurrency` at a time, each commit once per book (a refresh makes a
 * new one); commits whose build is still running are asked again after
 * `inProgressAgeMs`. It stops asking, and says why, when Bitbucket flags the limit as near
 * (X-RateLimit-NearLimit) or when the session's own budget is spent. With the `pipeline`
 * scope, one pipelines page answers for every wanted commit in its window (pipeline-window.ts)
 * before any is asked for alone; the details ask for a commit's full statuses (other CI too).
 * State is a snapshot replaced on every change, for React's useSyncExternalStore.
 */
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitStatus} from '../../bitbucket/types.js';
import {type BuildSummary, buildSummary} from '../../commits/build-status.js';
import {type PipelinesApi, PipelineWindow} from './pipeline-window.js';

/** With `listPipelines` and `nextPage` too, the pipelines shortcut (when the grant has the scope). */
export type StatusesApi = Pick<BitbucketClient, 'listCommitStatuses'> & {
	readonly rateLimit: BitbucketClient['rateLimit'];
} & Partial<PipelinesApi>;

export type WantOptions = {
	/** Commit dates, for the pipelines window. */
	dates?: ReadonlyMap<string, string | undefined>;
	/** Every status of these commits, not only what their pipelines report (the details). */
	full?: boolean;
};

export type KnownStatuses = {
	readonly statuses: readonly CommitStatus[];
	readonly summary: BuildSummary;
	/** When the answer came (performance.now()), to age INPROGRESS ones. */
	readonly at: number;
	/** `pipelines`: what the pipelines list said (the commit's own statuses may hold more). */
	readonly from: 'statuses' | 'pipelines';
};

export type StatusSnapshot = {
	readonly known: ReadonlyMap<string, KnownStatuses>;
	/** Commits whose answer failed (shown as unknown; a refresh asks again). */
	readonly failed: ReadonlySet<string>;
	/** Why no more are asked for, if so. */
	readonly paused: 'near-limit' | 'budget' | undefined;
	/** Requests made this session (the ledger's count). */
	readonly requests: number;
};

export type StatusBookOptions = {
	api: StatusesApi;
	ref: RepoRef;
	/** @default 4 */
	concurrency?: number;
	/** Status requests per session before it stops asking. @default 200 (a fifth of the hourly limit) */
	budget?: number;
	/** @default 15_000 */
	inProgressAgeMs?: number;
	/** Requests counted against the budget, shared by the books of one session (refreshes, branches). */
	ledger?: {requests: number};
	now?: () => number;
};

export class StatusBook {
	readonly #api: StatusesApi;
	readonly #ref: RepoRef;
	readonly #concurrency: number;
	readonly #budget: number;
	readonly #inProgressAgeMs: number;
	readonly #now: () => number;
	readonly #ledger: {requests: number};
	readonly #abort = new AbortController();
	readonly #listeners = new Set<() => void>();
	/** Wanted, newest `want()` first; each asked once per want. */
	#queue: string[] = [];
	readonly #inFlight = new Set<string>();
	/** What the last `want()` named, asked again when running builds have aged. */
	#wanted: readonly string[] = [];
	#recheck: ReturnType<typeof setTimeout> | undefined;
	readonly #window: PipelineWindow | undefined;
	readonly #dates = new Map<string, string | undefined>();
	/** Wanted in full (the details): not answered from the window. */
	#full: ReadonlySet<string> = new Set();
	#growing = false;
	/** False once a pipelines page answered for fewer than two wanted commits. */
	#growthPays = true;
	#snapshot: StatusSnapshot = {known: new Map(), failed: new Set(), paused: undefined, requests: 0};

	constructor(options: StatusBookOptions) {
		this.#api = options.api;
		this.#ref = options.ref;
		this.#concurrency = options.concurrency ?? 4;
		this.#budget = options.budget ?? 200;
		this.#inProgressAgeMs = options.inProgressAgeMs ?? 15_000;
		this.#now = options.now ?? (() => performance.now());
		this.#ledger = options.ledger ?? {requests: 0};
		this.#snapshot = {...this.#snapshot, requests: this.#ledger.requests};
		const {listPipelines, nextPage} = options.api;
		this.#window =
			listPipelines === undefined || nextPage === undefined
				? undefined
				: new PipelineWindow(
						{
							listPipelines: listPipelines.bind(options.api),
							nextPage: nextPage.bind(options.api),
							get grant() {
								return options.api.grant;
							},
						},
						options.ref,
					);
	}

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	};

	readonly getSnapshot = (): StatusSnapshot => this.#snapshot;

	/**
	 * The commits the browser shows now, in the order they matter (cursor first). Replaces
	 * what was wanted before: rows scrolled past are not fetched any more.
	 */
	want(hashes: readonly string[], options: WantOptions = {}): void {
		this.#wanted = hashes;
		for (const [hash, date] of options.dates ?? []) {
			this.#dates.set(hash, date);
		}

		this.#full = new Set(options.full ? hashes : []);
		const now = this.#now();
		const {known, failed} = this.#snapshot;
		this.#queue = hashes.filter((hash) => {
			if (this.#inFlight.has(hash) || failed.has(hash)) {
				return false;
			}

			const answer = known.get(hash);
			return (
				answer === undefined ||
				(answer.from === 'pipelines' && this.#full.has(hash)) ||
				(answer.summary === 'INPROGRESS' && now - answer.at >= this.#inProgressAgeMs)
			);
		});
		this.#pump();
	}

	close(): void {
		clearTimeout(this.#recheck);
		this.#abort.abort();
		this.#listeners.clear();
	}

	#pausedNow(): StatusSnapshot['paused'] {
		if (this.#api.rateLimit?.nearLimit === true) {
			return 'near-limit';
		}

		return this.#ledger.requests >= this.#budget ? 'budget' : undefined;
	}

	#pump(): void {
		this.#fillFromWindow();
		while (!this.#growing && this.#inFlight.size < this.#concurrency && this.#queue.length > 0) {
			const paused = this.#pausedNow();
			if (paused !== undefined) {
				this.#queue = [];
				if (this.#snapshot.paused !== paused) {
					this.#update({paused});
				}

				return;
			}

			if (this.#window?.canGrow && this.#growthPays && this.#queue.length >= 2) {
				void this.#grow(this.#window);
				return;
			}

			const hash = this.#queue.shift() as string;
			void this.#fetch(hash);
		}
	}

	/** Answers the queued commits the window covers; once per commit (a running build is asked alone). */
	#fillFromWindow(): void {
		const window = this.#window;
		if (window === undefined || !window.usable) {
			return;
		}

		const known = new Map(this.#snapshot.known);
		const at = this.#now();
		this.#queue = this.#queue.filter((hash) => {
			const statuses =
				known.has(hash) || this.#full.has(hash)
					? undefined
					: window.statusesOf({hash, isoDate: this.#dates.get(hash)});
			if (statuses === undefined) {
				return true;
			}

			known.set(hash, {statuses, summary: buildSummary(statuses), at, from: 'pipelines'});
			return false;
		});
		if (known.size !== this.#snapshot.known.size) {
			this.#update({known});
		}
	}

	async #grow(window: PipelineWindow): Promise<void> {
		const signal = this.#abort.signal;
		this.#growing = true;
		this.#ledger.requests++;
		this.#update({requests: this.#ledger.requests});
		const before = this.#queue.length;
		try {
			await window.grow({signal});
		} catch {
			// Aborted: the book is closed.
		} finally {
			this.#growing = false;
		}

		if (signal.aborted) {
			return;
		}

		this.#fillFromWindow();
		this.#growthPays = before - this.#queue.length >= 2;
		this.#pump();
	}

	async #fetch(hash: string): Promise<void> {
		const signal = this.#abort.signal;
		this.#inFlight.add(hash);
		this.#ledger.requests++;
		this.#update({requests: this.#ledger.requests});
		try {
			const statuses = await this.#api.listCommitStatuses(this.#ref, hash, {signal});
			if (signal.aborted) {
				return;
			}

			const known = new Map(this.#snapshot.known);
			const summary = buildSummary(statuses);
			known.set(hash, {statuses, summary, at: this.#now(), from: 'statuses'});
			this.#update({known});
			if (summary === 'INPROGRESS') {
				this.#scheduleRecheck();
			}
		} catch {
			if (signal.aborted) {
				return;
			}

			this.#update({failed: new Set(this.#snapshot.failed).add(hash)});
		} finally {
			this.#inFlight.delete(hash);
			if (!signal.aborted) {
				this.#pump();
			}
		}
	}

	#scheduleRecheck(): void {
		if (this.#recheck === undefined) {
			this.#recheck = setTimeout(() => {
				this.#recheck = undefined;
				this.want(this.#wanted);
				// A little late rather than early: an answer younger than the age is not asked again.
			}, this.#inProgressAgeMs + 10);
			// A running build must not keep a finished process alive.
			this.#recheck.unref?.();
		}
	}

	#update(change: Partial<StatusSnapshot>): void {
		this.#snapshot = {...this.#snapshot, ...change};
		for (const listener of this.#listeners) {
			listener();
		}
	}
}

/** Commits whose build failed, among those known (the book only knows loaded commits). */
export function failingCount(snapshot: StatusSnapshot): number {
	let failing = 0;
	for (const answer of snapshot.known.values()) {
		if (answer.summary === 'FAILED') {
			failing++;
		}
	}

	return failing;
}
