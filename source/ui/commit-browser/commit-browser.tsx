/**
 * `<CommitBrowser>`: a Bitbucket repository's commits in the terminal, sized to it, each
 * with the mark of its build statuses. The list pages in from the API as the cursor nears
 * the end; `/` filters, `b` switches branch, Enter shows a commit with its builds and
 * diffstat, `y` copies the hash through OSC 52, `o` opens the web page. Used by `bbtok-tui
 * commits` and by the onboarding wizard's summary. This is the view; the controller is
 * useCommitBrowser.
 */
import {Box} from 'ink';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {messageOf} from '../../core/output.js';
import {failingCount} from '../../use-cases/commits/status-book.js';
import {FilterLine, Footer, Header, NoticeLine} from './bars.js';
import {BranchPicker} from './branch-picker.js';
import type {CommitBrowserProps} from './commit-browser-props.js';
import {CommitList} from './commit-list.js';
import {DetailView} from './detail-view.js';
import {ErrorView} from './error-view.js';
import {HelpView} from './help-view.js';
import {hintLine, listScreen} from './key-table.js';
import {useCommitBrowser} from './use-commit-browser.js';

export type {CommitBrowserProps} from './commit-browser-props.js';

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
