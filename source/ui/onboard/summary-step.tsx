/**
 * Step 7: what was done, how to do it again from a script, how the chosen auth mode
 * behaves on the next pull or push, and the branch's latest commits in the commit browser
 * (which takes the keys from here on: q quits with 0).
 */
import {Box, Text} from 'ink';
import type {BitbucketClient} from '../../bitbucket/client.js';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {Opener} from '../../commits/opener.js';
import type {AuthMode} from '../../core/context.js';
import type {ExitCode} from '../../core/errors.js';
import {CommitBrowser} from '../commit-browser/commit-browser.js';
import {Details} from '../components/details.js';
import {rowsWhenWrapped} from '../components/format.js';
import {Notice} from '../components/notice.js';
import {marks, usePalette} from '../components/theme.js';
import {authBehaviour, equivalentCommands, remoteShown} from './summary-text.js';
import type {Identity} from './wizard-state.js';

export type SummaryStepProps = {
	readonly repoRef: RepoRef;
	readonly client: BitbucketClient;
	readonly gitUrl: string;
	/** As shown, e.g. `./widget`. */
	readonly dir: string;
	readonly branch: string;
	readonly mainBranch?: string;
	readonly head: string;
	readonly depth?: number;
	readonly auth: AuthMode;
	/** The credential helper holding the token (helper mode). */
	readonly helper?: string;
	readonly canPush: boolean;
	readonly identity: Identity;
	/** Settings could not be saved. */
	readonly warning?: string;
	/** Rows available to this screen; the commit browser takes what the summary leaves. */
	readonly rows: number;
	/** Columns available to this screen. */
	readonly width: number;
	readonly onExit: (code: ExitCode) => void;
	/** Opens a commit's page. @default none: the URL is shown */
	readonly opener?: Opener;
};

export function SummaryStep(props: SummaryStepProps) {
	const {repoRef, gitUrl, dir, branch, head, depth, auth, canPush, identity} = props;
	const palette = usePalette();
	const commands = equivalentCommands({
		gitUrl,
		ref: repoRef,
		auth,
		dir,
		branch,
		email: identity.email,
		...(props.mainBranch ? {mainBranch: props.mainBranch} : {}),
		...(depth === undefined ? {} : {depth}),
		...(identity.name ? {name: identity.name} : {}),
	});
	const rows = [
		{
			label: 'Branch',
			value: `${branch}${head ? ` at ${head.slice(0, 7)}` : ' (empty)'} · ${historyOf(depth)}`,
		},
		{label: 'Remote', value: remoteShown(gitUrl, repoRef, auth)},
		{
			label: 'Author',
			value: `${identity.name ? `${identity.name} <${identity.email}>` : identity.email} · push ${canPush ? 'allowed' : 'not allowed (no repository:write)'}`,
		},
		{
			label: `Auth ${auth}`,
			value: authBehaviour(auth, {helper: props.helper, gitUrl, ref: repoRef}),
		},
	];
	const labelWidth = Math.max(...rows.map((row) => row.label.length)) + 2;
	const used =
		1 +
		rows.reduce((total, row) => total + rowsWhenWrapped(row.value, props.width - labelWidth), 0) +
		(props.warning ? rowsWhenWrapped(props.warning, props.width - 2) : 0) +
		1;
	// The commits come first: the commands are shown whole when there is room, else one line
	// each, else not at all (a small terminal).
	const wrapped = commands.reduce(
		(total, line) => total + rowsWhenWrapped(line, props.width - 2),
		0,
	);
	const scripts: 'wrap' | 'truncate-end' | undefined =
		props.rows - used - 1 - wrapped >= minBrowserRows
			? 'wrap'
			: props.rows - used - 1 - commands.length >= minBrowserRows
				? 'truncate-end'
				: undefined;
	const scriptRows =
		scripts === undefined ? 0 : 1 + (scripts === 'wrap' ? wrapped : commands.length);
	const browserRows = Math.max(minBrowserRows, props.rows - used - scriptRows);
	return (
		<Box flexDirection="column">
			<Text color={palette.success}>
				{marks.success} {formatRepoRef(repoRef)} is ready in {dir}
			</Text>
			<Details rows={rows} />
			{props.warning ? <Notice kind="warning">{props.warning}</Notice> : null}
			{scripts === undefined ? null : (
				<>
					<Text color={palette.muted}>For scripts:</Text>
					{commands.map((line) => (
						<Box key={line} paddingLeft={2}>
							<Text color={palette.muted} wrap={scripts}>
								{line}
							</Text>
						</Box>
					))}
				</>
			)}
			<Box marginTop={1}>
				<CommitBrowser
					client={props.client}
					repoRef={repoRef}
					branch={branch}
					height={browserRows}
					gitUrl={gitUrl}
					onExit={props.onExit}
					{...(props.opener ? {opener: props.opener} : {})}
				/>
			</Box>
		</Box>
	);
}

/** The commit browser's header, footer and three commits. */
const minBrowserRows = 5;

function historyOf(depth: number | undefined): string {
	if (depth === undefined) {
		return 'full history';
	}

	return depth === 1 ? 'last commit only' : `last ${depth} commits`;
}
