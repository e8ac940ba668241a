/**
 * `<CommitBrowser>`: a Bitbucket repository's commits in the terminal, sized to it, each
 * with the mark of its build statuses. The list pages in from the API as the cursor nears
 * the end; `/` filters, `b` switches branch, Enter shows a commit with its builds and
 * diffstat, `y` copies the hash through OSC 52, `o` opens the web page. Used by `bbtok-tui
 * commits` and by the onboarding wizard's summary. This is the view; the controller is
 * useCommitBrowser.
 */
import {Box} from 'ink';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {CommitsApi} from '../../commits/feed.js';
import type {Opener} from '../../commits/opener.js';
import type {RequestWatch} from '../../commits/request-watch.js';
import type {ExitCode} from '../../core/errors.js';
import {messageOf} from '../../core/output.js';
import {failingCount} from '../../use-cases/commits/status-book.js';
import {FilterLine, Footer, Header, NoticeLine} from './bars.js';
import {BranchPicker} from './branch-picker.js';
import {CommitList} from './commit-list.js';
import {DetailView} from './detail-view.js';
import {ErrorView} from './error-view.js';
import {HelpView} from './help-view.js';
import {hintLine, listScreen} from './key-table.js';
import {useCommitBrowser} from './use-commit-browser.js';

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

const headerHint = hintLine(listScreen, {parents: 0, depth: 0});

export function CommitBrowser(props: CommitBrowserProps) {
	const view = useCommitBrowser(props);
	const {state, height, width, revision, notice} = view;
	const header = (
		<Header title={formatRepoRef(view.ref)} branch={revision} width={width} hint={headerHint} />
	);
	if (state.mode.kind === 'help') {
		return (
			<Box flexDirection="column" height={height}>
				{header}
				<HelpView height={height - 1} width={width} />
			</Box>
		);
	}

	if (state.mode.kind === 'branches') {
		const {branches} = view;
		return (
			<Box flexDirection="column" height={height}>
				{header}
				<BranchPicker
					names={view.names}
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
		const {detail, lines} = view;
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
					height={view.bodyHeight}
					width={width}
					parents={detail.entry?.parents.length ?? 0}
					depth={state.mode.history.length}
				/>
				{notice === undefined ? null : <NoticeLine notice={notice} width={width} />}
			</Box>
		);
	}

	const {fatalError, snapshot, count, cursor} = view;
	return (
		<Box flexDirection="column" height={height}>
			{header}
			{fatalError === undefined ? (
				<CommitList
					entries={view.entries}
					visible={view.visible}
					cursor={cursor}
					offset={view.offset}
					height={view.viewport}
					width={width}
					query={view.query}
					refs={view.branches.refs}
					builds={view.builds.known}
					currentBranch={revision}
					now={view.now}
				/>
			) : (
				<ErrorView error={fatalError} height={view.viewport} width={width} />
			)}
			{view.filterLines > 0 ? (
				<FilterLine text={state.filter} editing={state.filtering} width={width} />
			) : null}
			{notice === undefined ? null : <NoticeLine notice={notice} width={width} />}
			<Footer
				width={width}
				position={count === 0 ? 0 : cursor + 1}
				count={count}
				loaded={view.entries.length}
				hasMore={snapshot.hasMore}
				loading={fatalError === undefined ? snapshot.loading : undefined}
				filtered={view.query !== undefined}
				failing={failingCount(view.builds)}
				statusesPaused={view.builds.paused}
				nearLimit={view.nearLimit}
				waitSeconds={view.waitSeconds}
			/>
		</Box>
	);
}
