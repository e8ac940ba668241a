/**
 * `<CommitBrowser>`: a Bitbucket repository's commits in the terminal, sized to it. The list
 * pages in from the API as the cursor nears the end; `/` filters, `b` switches branch, Enter
 * shows a commit with its diffstat, `y` copies the hash through OSC 52, `o` opens the web
 * page. Used by `bbtok-tui commits` and by the onboarding wizard's summary.
 */
import {Box, useStdout} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {type CommitEntry, commitWebUrl} from '../../commits/commit-entry.js';
import type {CommitsApi} from '../../commits/feed.js';
import {compileQuery, type FilterResult, filterEntries} from '../../commits/filter.js';
import {createOpener, type Opener} from '../../commits/opener.js';
import {copyWithOsc52} from '../../commits/osc52.js';
import type {RequestWatch} from '../../commits/request-watch.js';
import {type ExitCode, ExitCode as ExitCodes, exitCodeOf} from '../../core/errors.js';
import {messageOf} from '../../core/output.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {FilterLine, Footer, Header, NoticeLine} from './bars.js';
import {BranchPicker, branchNames} from './branch-picker.js';
import {CommitList} from './commit-list.js';
import {detailLines} from './detail-lines.js';
import {DetailView} from './detail-view.js';
import {ErrorView} from './error-view.js';
import {HelpView} from './help-view.js';
import {useBrowserTheme} from './theme.js';
import {useBrowserKeys} from './use-browser-keys.js';
import {type Notice, position, useBrowserState} from './use-browser-state.js';
import {useCommitDetail} from './use-commit-detail.js';
import {useCommitFeed} from './use-commit-feed.js';
import {useRateLimitWait} from './use-rate-limit-wait.js';
import {useBranches, useDefaultBranch} from './use-repository-refs.js';

export type CommitBrowserProps = {
	/** A BitbucketClient (or anything with the same methods: tests and benchmarks pass fakes). */
	readonly client: CommitsApi;
	readonly repoRef: RepoRef;
	/** Branch shown first. @default the repository's main branch */
	readonly branch?: string;
	/** Rows the browser may use. @default the terminal's height minus one, following resizes */
	readonly height?: number;
	/** Base of the commits' web pages (`o`). @default 'https://bitbucket.org' */
	readonly gitUrl?: string;
	/**
	 * Called once when the user leaves (q, Esc, Ctrl+C) with the exit code for that moment:
	 * 0, the code of the failure on screen, or 130 for Ctrl+C.
	 */
	readonly onExit: (code: ExitCode) => void;
	/** Opens a URL in a browser. @default createOpener() (xdg-open, open, explorer.exe, $BROWSER) */
	readonly opener?: Opener;
	/** Puts text on the clipboard. @default an OSC 52 sequence written to Ink's stdout */
	readonly copy?: (text: string) => void;
	/** The traffic watch on the client's dispatcher, to show a 429's wait. */
	readonly requestWatch?: RequestWatch;
	/** Whether keys reach the browser. @default true */
	readonly isActive?: boolean;
	/** The clock for relative dates. @default Date.now */
	readonly now?: () => number;
};

const refreshAgeMs = 60_000;

export function CommitBrowser(props: CommitBrowserProps) {
	const {client: api, onExit} = props;
	const {workspace, repo} = props.repoRef;
	const ref = useMemo(() => ({workspace, repo}), [workspace, repo]);
	const gitUrl = props.gitUrl ?? 'https://bitbucket.org';
	const {stdout} = useStdout();
	const terminal = useTerminalSize();
	const height = Math.max(5, props.height ?? terminal.rows - 1);
	const width = terminal.columns;
	const now = useClock(props.now ?? Date.now);
	const theme = useBrowserTheme();

	const [generation, setGeneration] = useState(0);
	const [chosenBranch, setChosenBranch] = useState(props.branch);
	const defaultBranch = useDefaultBranch(api, ref, chosenBranch, generation);
	const revision = chosenBranch ?? defaultBranch.branch;
	const {feed, snapshot} = useCommitFeed(api, ref, revision, generation);
	const branches = useBranches(api, ref, generation);
	const waitSeconds = useRateLimitWait(props.requestWatch);
	const [state, dispatch, currentState] = useBrowserState();
	const {entries} = snapshot;

	const query = useMemo(() => compileQuery(state.filter), [state.filter]);
	const lastFilter = useRef<FilterResult | undefined>(undefined);
	const visible = useMemo(() => {
		if (query === undefined) {
			lastFilter.current = undefined;
			return undefined;
		}

		lastFilter.current = filterEntries(entries, query, lastFilter.current);
		return lastFilter.current.indices;
	}, [entries, query]);

	const fatalError = defaultBranch.error ?? (entries.length === 0 ? snapshot.error : undefined);
	const pageError = fatalError === undefined ? snapshot.error : undefined;
	const notice: Notice | undefined =
		state.notice ??
		(pageError === undefined
			? undefined
			: {text: `Could not load more: ${messageOf(pageError)} · r retries`, tone: 'warning'});
	const noticeLines = notice === undefined ? 0 : Math.max(1, Math.ceil(notice.text.length / width));
	const filterLines = state.filtering || state.filter !== '' ? 1 : 0;
	const viewport = Math.max(1, height - 2 - filterLines - noticeLines);
	const count = visible?.length ?? entries.length;
	const extent = useMemo(() => ({count, viewport}), [count, viewport]);
	const {cursor, offset} = position(state, extent);
	/** Where row `row` of the list as shown sits in `entries`. */
	const indexAt = (row: number) =>
		visible ? visible[row] : row < entries.length ? row : undefined;
	const cursorIndex = indexAt(cursor);

	// Ask for the next page while the cursor is still a few screens above the end.
	const prefetchMargin = Math.max(50, viewport * 3);
	useEffect(() => {
		if (cursorIndex !== undefined || (query === undefined && entries.length === 0)) {
			feed?.prefetch(cursorIndex ?? 0, prefetchMargin);
		}
	}, [feed, cursorIndex, prefetchMargin, query, entries.length]);

	const detailHash = state.mode.kind === 'detail' ? state.mode.hash : undefined;
	const known = useMemo(
		() =>
			detailHash === undefined ? undefined : entries.find((entry) => entry.hash === detailHash),
		[entries, detailHash],
	);
	const detail = useCommitDetail(api, ref, detailHash, known, generation);
	const bodyHeight = height - 1 - (state.mode.kind === 'detail' ? noticeLines : 0);
	const {entry: detailEntry, diffstat, error: detailError} = detail;
	const lines = useMemo(
		() =>
			detailEntry === undefined
				? []
				: detailLines({
						entry: detailEntry,
						refs: branches.refs.get(detailEntry.hash),
						parentSubject: (hash) => entries.find((entry) => entry.hash === hash)?.subject,
						diffstat,
						diffstatError: detailError === undefined ? undefined : messageOf(detailError),
						width,
						now,
						theme,
					}),
		[detailEntry, diffstat, detailError, branches.refs, entries, width, now, theme],
	);

	const names = useMemo(
		() => branchNames(branches.branches, state.mode.kind === 'branches' ? state.mode.query : ''),
		[branches.branches, state.mode],
	);

	const exited = useRef(false);
	const quit = useCallback(
		(reason: 'user' | 'interrupt') => {
			if (exited.current) {
				return;
			}

			exited.current = true;
			const failure = defaultBranch.error ?? snapshot.error;
			onExit(
				reason === 'interrupt'
					? ExitCodes.interrupted
					: failure === undefined
						? ExitCodes.ok
						: exitCodeOf(failure),
			);
		},
		[onExit, defaultBranch.error, snapshot.error],
	);

	const copyText = props.copy ?? ((text: string) => copyWithOsc52(stdout, text));
	const opener = useMemo(() => props.opener ?? createOpener(), [props.opener]);

	useBrowserKeys({
		current: currentState,
		dispatch,
		extent,
		commitIn(current) {
			if (current.mode.kind === 'detail') {
				return current.mode.hash === detailHash ? detail.entry : undefined;
			}

			const index = indexAt(position(current, extent).cursor);
			return index === undefined ? undefined : entries[index];
		},
		unfilteredCursorIn: (current) => indexAt(position(current, extent).cursor) ?? 0,
		loaded: entries.length,
		blocked: fatalError !== undefined,
		detail: {
			maxScroll: Math.max(0, lines.length - (bodyHeight - 1)),
			page: Math.max(1, bodyHeight - 2),
			parents: detail.entry?.parents ?? [],
		},
		branchNames: names,
		isActive: props.isActive ?? true,
		quit,
		retryOrRefresh() {
			if (defaultBranch.error !== undefined) {
				setGeneration((value) => value + 1);
			} else if (snapshot.error !== undefined) {
				feed?.retry();
			} else {
				setGeneration((value) => value + 1);
				dispatch({type: 'reset'});
			}
		},
		loadAll() {
			feed?.loadAll();
		},
		chooseBranch(name) {
			setChosenBranch(name);
			dispatch({type: name === revision ? 'branches-close' : 'reset'});
		},
		copy(entry: CommitEntry) {
			copyText(entry.hash);
			dispatch({type: 'notice', notice: {text: `Copied ${entry.hash} (OSC 52)`, tone: 'info'}});
		},
		open(entry: CommitEntry) {
			const url = commitWebUrl(gitUrl, ref, entry.hash);
			void opener(url).then((result) =>
				dispatch({
					type: 'notice',
					notice:
						result === 'opened'
							? {text: `Opened ${entry.shortHash} in the browser`, tone: 'info'}
							: {text: `No browser to open here. The commit: ${url}`, tone: 'info'},
				}),
			);
		},
	});

	const header = <Header title={formatRepoRef(ref)} branch={revision} width={width} />;
	if (state.mode.kind === 'help') {
		return (
			<Box flexDirection="column" height={height}>
				{header}
				<HelpView height={height - 1} width={width} />
			</Box>
		);
	}

	if (state.mode.kind === 'branches') {
		return (
			<Box flexDirection="column" height={height}>
				{header}
				<BranchPicker
					names={names}
					loading={branches.branches === undefined && branches.error === undefined}
					error={branches.error === undefined ? undefined : messageOf(branches.error)}
					query={state.mode.query}
					cursor={state.mode.cursor}
					current={revision}
					height={height - 1}
					width={width}
				/>
			</Box>
		);
	}

	if (state.mode.kind === 'detail') {
		return (
			<Box flexDirection="column" height={height}>
				{header}
				<DetailView
					lines={
						lines.length > 0
							? lines
							: [[{text: detail.error === undefined ? 'loading…' : messageOf(detail.error)}]]
					}
					scroll={state.mode.scroll}
					height={bodyHeight}
					width={width}
					parents={detail.entry?.parents.length ?? 0}
					depth={state.mode.history.length}
				/>
				{notice === undefined ? null : <NoticeLine notice={notice} width={width} />}
			</Box>
		);
	}

	return (
		<Box flexDirection="column" height={height}>
			{header}
			{fatalError === undefined ? (
				<CommitList
					entries={entries}
					visible={visible}
					cursor={cursor}
					offset={offset}
					height={viewport}
					width={width}
					query={query}
					refs={branches.refs}
					currentBranch={revision}
					now={now}
				/>
			) : (
				<ErrorView error={fatalError} height={viewport} width={width} />
			)}
			{filterLines > 0 ? (
				<FilterLine text={state.filter} editing={state.filtering} width={width} />
			) : null}
			{notice === undefined ? null : <NoticeLine notice={notice} width={width} />}
			<Footer
				width={width}
				position={count === 0 ? 0 : cursor + 1}
				count={count}
				loaded={entries.length}
				hasMore={snapshot.hasMore}
				loading={fatalError === undefined ? snapshot.loading : undefined}
				filtered={query !== undefined}
				nearLimit={api.rateLimit?.nearLimit === true}
				waitSeconds={waitSeconds}
			/>
		</Box>
	);
}

/** `now()`, refreshed once a minute so relative dates age while the browser is open. */
function useClock(now: () => number): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		const timer = setInterval(() => setTime(now()), refreshAgeMs);
		return () => clearInterval(timer);
	}, [now]);
	return time;
}
