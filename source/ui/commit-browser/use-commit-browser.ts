/**
 * The commit browser's controller: the data (feed, branches, detail, build statuses), the
 * policy (prefetch margins, which statuses to ask for, exit codes) and the side effects
 * (copy, open, quit), wired to the key table. The view (commit-browser.tsx) only draws what
 * this returns.
 */
import {useStdout} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {decidingStatus} from '../../commits/build-status.js';
import {type CommitEntry, commitWebUrl} from '../../commits/commit-entry.js';
import {compileQuery, type FilterResult, filterEntries} from '../../commits/filter.js';
import {noOpener} from '../../commits/opener.js';
import {copyWithOsc52} from '../../commits/osc52.js';
import {ExitCode as ExitCodes, exitCodeOf} from '../../core/errors.js';
import {messageOf} from '../../core/output.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {branchNames} from './branch-picker.js';
import type {CommitBrowserProps} from './commit-browser-props.js';
import {detailLines} from './detail-lines.js';
import {browserHeight, listViewport} from './screen-lines.js';
import {useBrowserTheme} from './theme.js';
import {useBrowserKeys} from './use-browser-keys.js';
import {type Notice, position, useBrowserState} from './use-browser-state.js';
import {statusLookahead, useBuildStatuses} from './use-build-statuses.js';
import {useCommitDetail} from './use-commit-detail.js';
import {useCommitFeed} from './use-commit-feed.js';
import {useRateLimitWait} from './use-rate-limit-wait.js';
import {useBranches, useDefaultBranch} from './use-repository-refs.js';

const refreshAgeMs = 60_000;

export function useCommitBrowser(props: CommitBrowserProps) {
	const {client: api, onExit} = props;
	const {workspace, repo} = props.repoRef;
	const ref = useMemo(() => ({workspace, repo}), [workspace, repo]);
	const gitUrl = props.gitUrl ?? 'https://bitbucket.org';
	const {stdout} = useStdout();
	const terminal = useTerminalSize();
	const height = browserHeight(terminal.rows, props.height);
	const width = terminal.columns;
	const now = useClock(props.now ?? Date.now);
	const theme = useBrowserTheme();

	const [generation, setGeneration] = useState(0);
	const [chosenBranch, setChosenBranch] = useState(props.branch);
	// A first page the session has is the main branch's when no branch was given.
	const {firstPage} = props;
	const mainBranch = props.branch === undefined ? firstPage?.revision : undefined;
	const defaultBranch = useDefaultBranch(api, ref, chosenBranch, generation, mainBranch);
	const revision = chosenBranch ?? defaultBranch.branch;
	const {feed, snapshot} = useCommitFeed(api, ref, revision, generation, firstPage);
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
	const viewport = listViewport(height, filterLines + noticeLines);
	const count = visible?.length ?? entries.length;
	const extent = useMemo(() => ({count, viewport}), [count, viewport]);
	const {cursor, offset} = position(state, extent);
	/** Where row `row` of the list as shown sits in `entries`. */
	const indexAt = (row: number) =>
		visible ? visible[row] : row < entries.length ? row : undefined;
	const cursorIndex = indexAt(cursor);
	const rowsFrom = (from: number, to: number) =>
		Array.from({length: Math.max(0, to - from)}, (_, row) => {
			const index = indexAt(from + row);
			return index === undefined ? undefined : entries[index];
		});

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
	// The statuses of the rows in view and a few below; in the details, of that commit.
	const builds = useBuildStatuses({
		api,
		ref,
		revision,
		generation,
		inView:
			detail.entry !== undefined && detailHash !== undefined
				? [detail.entry]
				: rowsFrom(offset, Math.min(count, offset + viewport)),
		ahead:
			detailHash === undefined
				? rowsFrom(offset + viewport, Math.min(count, offset + viewport + statusLookahead))
				: [],
		full: detailHash !== undefined,
		enabled: fatalError === undefined,
	});
	const bodyHeight = height - 1 - (state.mode.kind === 'detail' ? noticeLines : 0);
	const {entry: detailEntry, diffstat, error: detailError} = detail;
	const detailBuild =
		detailEntry === undefined ? undefined : builds.snapshot.known.get(detailEntry.hash);
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
						statuses: detailBuild?.statuses,
						width,
						now,
						theme,
					}),
		[detailEntry, diffstat, detailError, detailBuild, branches.refs, entries, width, now, theme],
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
	const opener = props.opener ?? noOpener;
	const say = (text: string) => dispatch({type: 'notice', notice: {text, tone: 'info'}});

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
			say(`Copied ${entry.hash} (OSC 52)`);
		},
		open(entry: CommitEntry, what) {
			const statuses = builds.snapshot.known.get(entry.hash)?.statuses ?? [];
			const build = what === 'build' ? decidingStatus(statuses) : undefined;
			const url = build?.url ?? commitWebUrl(gitUrl, ref, entry.hash);
			const name = build === undefined ? entry.shortHash : `build ${build.name ?? build.key}`;
			void opener(url).then((result) =>
				say(
					result === 'opened'
						? `Opened ${name} in the browser`
						: `No browser to open here. The ${build === undefined ? 'commit' : 'build'}: ${url}`,
				),
			);
		},
	});

	return {
		state,
		ref,
		revision,
		height,
		width,
		now,
		entries,
		visible,
		query,
		cursor,
		offset,
		viewport,
		count,
		snapshot,
		fatalError,
		notice,
		filterLines,
		bodyHeight,
		lines,
		detail,
		branches,
		names,
		builds: builds.snapshot,
		waitSeconds,
		nearLimit: api.rateLimit?.nearLimit === true,
	};
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
