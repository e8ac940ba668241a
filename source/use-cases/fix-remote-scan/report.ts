/**
 * What `fix-remote --scan` says: the preview (every change as the lines of .git/config it
 * removes and adds, redacted), the clones left alone with why, the summary with counts and
 * what is left to do, and one JSON object per clone. Outside text goes through printable().
 */
import {printable, terminalSafeJson} from '../../core/terminal-text.js';
import {shownPath} from '../../scan/scan-tree.js';
import {diffConfig} from '../fix-remote/diff.js';
import {helperLines} from '../fix-remote/report.js';
import type {CloneResult, ScanFixOutcome} from './apply.js';
import type {Change, ScanFixPlan} from './plan.js';

const emailNotes = {
	flag: 'from --bot-email',
	remembered: 'remembered for this repository',
	history: "the newest bot author in this clone's history",
	none: 'user.email unchanged: pass --bot-email',
} as const;

/** One line naming a change: folder, repository, and the move from its mode to the new one (and its helper). */
export function changeTitle(plan: Pick<ScanFixPlan, 'scan'>, change: Change): string {
	const {candidate} = change;
	const also = candidate.alsoAt.length > 0 ? ` (+${candidate.alsoAt.length} worktree)` : '';
	const helper = change.proposal.plan.helper;
	const mode = helper === undefined ? change.auth : `${change.auth} (${helper.name})`;
	return printable(
		`${shownPath(plan.scan, candidate.root)}${also}  ${candidate.ref.workspace}/${candidate.ref.repo}  ${candidate.remote}: ${candidate.mode} → ${mode}`,
	);
}

/** The lines of .git/config a change removes and adds (already redacted by diffConfig), then what the helpers get. */
export function changeLines(change: Change): string[] {
	const hunks = diffConfig(change.inspection.snapshot.text, change.proposal.after, 0);
	const lines = hunks.flatMap((hunk) =>
		hunk.lines.map((line) => `${line.kind === 'removed' ? '-' : '+'} ${line.text.trim()}`),
	);
	const email = change.proposal.identity?.email;
	const note = `bot email: ${email === undefined ? '' : `${email}, `}${emailNotes[change.emailSource]}`;
	const helpers = helperLines(change.proposal);
	const unchanged = lines.length === 0 && helpers.length === 0;
	return [...(unchanged ? ['(already as proposed)'] : [...lines, ...helpers]), note].map(printable);
}

export function previewLines(plan: ScanFixPlan, stripCredentials: boolean): string[] {
	const lines = [
		`Checked ${plural(plan.requests, 'repository', 'repositories')} with the token (one request each).`,
	];
	if (plan.stoppedNearLimit) {
		lines.push(
			'Stopped checking: Bitbucket says this token is near its hourly rate limit. Run again later for the clones not checked.',
		);
	}

	lines.push(`${plural(plan.changes.length, 'clone', 'clones')} to move onto the token:`);
	for (const change of plan.changes) {
		lines.push(
			`  ${changeTitle(plan, change)}`,
			...changeLines(change).map((line) => `      ${line}`),
		);
	}

	if (plan.left.length > 0) {
		lines.push('Left byte-identical:');
		for (const item of plan.left) {
			lines.push(
				printable(
					`  ${shownPath(plan.scan, item.root)}${item.repository ? `  ${item.repository}` : ''}: ${item.reason}`,
				),
			);
		}
	}

	if (plan.deadEntries.length > 0) {
		lines.push(
			stripCredentials
				? 'Dead entries to remove from git credential files:'
				: 'Dead entries in git credential files (kept; pass --strip-credentials to remove them):',
			...plan.deadEntries.map((entry) =>
				printable(`  ${entry.file}:${entry.line}  ${entry.url}  ${entry.mode}`),
			),
		);
	}

	return lines;
}

export function resultLine(plan: Pick<ScanFixPlan, 'scan'>, result: CloneResult): string {
	const detail = result.reason ?? result.url ?? '';
	return printable(
		`${result.status.padEnd(11)} ${shownPath(plan.scan, result.path)}${detail ? `  ${detail}` : ''}`,
	);
}

export function jsonResults(outcome: ScanFixOutcome): string[] {
	return [
		...outcome.clones.map((result) => terminalSafeJson({type: 'clone', ...result})),
		...outcome.stripped.map((result) => terminalSafeJson({type: 'credentials', ...result})),
	];
}

export function summaryLines(plan: ScanFixPlan, outcome: ScanFixOutcome): string[] {
	const count = (status: CloneResult['status']) =>
		outcome.clones.filter((result) => result.status === status).length;
	const lines: string[] = [];
	if (outcome.interrupted) {
		const untouched = outcome.clones.filter((result) => result.status === 'interrupted');
		lines.push(
			`Interrupted: ${count('migrated')} migrated in full, ${untouched.length} not changed (byte-identical): ${untouched.map((result) => printable(shownPath(plan.scan, result.path))).join(', ') || 'none'}.`,
		);
	}

	lines.push(
		`${count('migrated')} migrated, ${count('unchanged')} already as proposed, ${count('failed')} failed, ${count('unselected')} unticked; ${count('unreachable')} not reachable with this token, ${count('unchecked')} not checked, ${count('left')} left as they are.`,
	);
	for (const result of outcome.stripped) {
		lines.push(
			printable(
				result.error
					? `${result.file}: not changed (${result.error})`
					: `${result.file}: removed ${plural(result.removed, 'dead entry', 'dead entries')}.`,
			),
		);
	}

	const todo = leftToDo(plan, outcome, count);
	if (todo.length > 0) {
		lines.push('Left to do:', ...todo.map((line) => `  ${line}`));
	}

	return lines;
}

function leftToDo(
	plan: ScanFixPlan,
	outcome: ScanFixOutcome,
	count: (status: CloneResult['status']) => number,
): string[] {
	const todo: string[] = [];
	if (count('unreachable') > 0) {
		todo.push(
			`${plural(count('unreachable'), 'clone', 'clones')} this token does not reach: run fix-remote --scan again with a token that does, or fix-remote PATH.`,
		);
	}

	if (count('unchecked') > 0) {
		todo.push(
			`${plural(count('unchecked'), 'clone', 'clones')} not checked (rate limit): run again in an hour.`,
		);
	}

	if (count('failed') + count('interrupted') > 0) {
		todo.push('Run fix-remote --scan again for the clones not changed.');
	}

	if (plan.deadEntries.length > 0 && outcome.stripped.length === 0) {
		todo.push(
			`${plural(plan.deadEntries.length, 'dead credential-file entry', 'dead credential-file entries')}: pass --strip-credentials to remove them.`,
		);
	}

	return todo;
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}
