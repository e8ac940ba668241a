/**
 * A commit's build state, from its statuses: the one state a row shows (a failure outweighs
 * a build still running, which outweighs a stopped one) and its mark, a character that
 * reads without colour (NO_COLOR) too.
 */
import type {CommitStatus} from '../bitbucket/types.js';

export type BuildState = CommitStatus['state'];

/** `none`: the commit has no statuses; `undefined` (elsewhere): not known yet. */
export type BuildSummary = BuildState | 'none';

const weight: Record<BuildState, number> = {FAILED: 3, INPROGRESS: 2, STOPPED: 1, SUCCESSFUL: 0};

export function buildSummary(statuses: readonly CommitStatus[]): BuildSummary {
	let worst: BuildSummary = 'none';
	for (const {state} of statuses) {
		if (weight[state] !== undefined && (worst === 'none' || weight[state] > weight[worst])) {
			worst = state;
		}
	}

	return worst;
}

export const buildMarks: Readonly<Record<BuildSummary, string>> = {
	SUCCESSFUL: '✓',
	FAILED: '✗',
	INPROGRESS: '…',
	STOPPED: '■',
	none: '·',
};

/** The mark of a summary; a blank while it is not known. */
export function buildMark(summary: BuildSummary | undefined): string {
	return summary === undefined ? ' ' : buildMarks[summary];
}

/** The status that decides the summary (the one `o` opens in the detail view), if any. */
export function decidingStatus(statuses: readonly CommitStatus[]): CommitStatus | undefined {
	const summary = buildSummary(statuses);
	return (
		statuses.find((status) => status.state === summary && status.url) ??
		statuses.find((status) => status.url)
	);
}
