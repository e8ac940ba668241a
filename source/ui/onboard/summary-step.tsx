/**
 * Step 7: what was done, how to do it again from a script, how the chosen auth mode
 * behaves on the next pull or push, and the branch's latest commits in the commit browser
 * (which takes the keys from here on: q quits with 0).
 */
import {Box, Text} from 'ink';
import type {BitbucketClient} from '../../bitbucket/client.js';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../commands/context.js';
import type {ExitCode} from '../../errors.js';
import {CommitBrowser} from '../commit-browser/commit-browser.js';
import {Details} from '../components/details.js';
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
	readonly head: string;
	readonly depth?: number;
	readonly auth: AuthMode;
	readonly canPush: boolean;
	readonly identity: Identity;
	/** Settings could not be saved. */
	readonly warning?: string;
	/** Rows left for the commit browser. */
	readonly browserHeight: number;
	readonly onExit: (code: ExitCode) => void;
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
		...(depth === undefined ? {} : {depth}),
		...(identity.name ? {name: identity.name} : {}),
	});
	return (
		<Box flexDirection="column">
			<Text color={palette.success}>
				{marks.success} {formatRepoRef(repoRef)} is ready in {dir}
			</Text>
			<Details
				rows={[
					{
						label: 'Branch',
						value: `${branch}${head ? ` at ${head.slice(0, 7)}` : ' (empty)'} · ${depth === undefined ? 'full history' : `last ${depth} commits`}`,
					},
					{label: 'Remote', value: remoteShown(gitUrl, repoRef, auth)},
					{
						label: 'Author',
						value: `${identity.name ? `${identity.name} ` : ''}<${identity.email}> · push ${canPush ? 'allowed' : 'not allowed (no repository:write)'}`,
					},
					{label: `Auth ${auth}`, value: authBehaviour(auth)},
				]}
			/>
			{props.warning ? <Notice kind="warning">{props.warning}</Notice> : null}
			<Text color={palette.muted}>For scripts:</Text>
			{commands.map((line) => (
				<Text key={line} color={palette.muted} wrap="truncate-end">
					{'  '}
					{line}
				</Text>
			))}
			<Box marginTop={1}>
				<CommitBrowser
					client={props.client}
					repoRef={repoRef}
					branch={branch}
					height={props.browserHeight}
					gitUrl={gitUrl}
					onExit={props.onExit}
				/>
			</Box>
		</Box>
	);
}
