/**
 * `status --scan DIR`: every clone under DIR with a Bitbucket remote, one row each (path,
 * remote, workspace/repo, auth mode, verdict, next step), then git's credential-file entries
 * for the Bitbucket host, then what could not be read. Offline: no request, no write. Exit 0
 * whatever the verdicts: a scan reports, it does not fail.
 */
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {ExitCode} from '../../core/errors.js';
import {printable, terminalSafeJson} from '../../core/terminal-text.js';
import type {ScannedRemote} from '../../scan/clones.js';
import type {CredentialEntry} from '../../scan/credential-files.js';
import {credentialNextStep, remoteNextStep} from '../../scan/next-step.js';
import {scanTree, shownPath, type TreeScan} from '../../scan/scan-tree.js';
import {formatTable, truncate} from './scan-table.js';

type Writable = {write(chunk: string): unknown};

export type StatusScanOptions = {
	readonly dir: string;
	readonly gitUrl: string;
	readonly credentialFiles: readonly string[];
	/** Shown as `~` in file names. */
	readonly home: string;
	readonly json: boolean;
	/** Terminal columns the text output must fit. */
	readonly width: number;
	readonly stdout: Writable;
	readonly stderr: Writable;
	readonly signal?: AbortSignal | undefined;
};

export async function runStatusScan(options: StatusScanOptions): Promise<ExitCode> {
	const scan = await scanTree(options);
	const lines = options.json ? jsonLines(scan) : textLines(scan, options);
	options.stdout.write(lines.map((line) => `${line}\n`).join(''));
	if (!options.json) {
		for (const problem of scan.problems) {
			options.stderr.write(
				`warning: cannot read ${printable(problem.path)} (${printable(problem.reason)}); passed over.\n`,
			);
		}
	}

	return ExitCode.ok;
}

/** One JSON object per line: clones, then credential entries, then what was passed over. */
export function jsonLines(scan: TreeScan): string[] {
	return [
		...scan.remotes.map((remote) =>
			terminalSafeJson({
				type: 'clone',
				path: remote.repository.root,
				kind: remote.repository.kind,
				remote: remote.remote,
				repository: formatRepoRef(remote.ref),
				url: remote.url,
				auth: remote.mode,
				verdict: remote.verdict,
				next: remoteNextStep(remote.mode, remote.verdict),
				...(remote.via ? {via: `${remote.via.file}:${remote.via.line}`} : {}),
			}),
		),
		...scan.credentials.map((entry) =>
			terminalSafeJson({
				type: 'credential',
				file: entry.file,
				line: entry.line,
				url: entry.url,
				username: entry.username,
				auth: entry.mode,
				verdict: entry.verdict,
				next: credentialNextStep(entry.verdict),
			}),
		),
		...scan.problems.map((problem) =>
			terminalSafeJson({type: 'unreadable', path: problem.path, reason: problem.reason}),
		),
	];
}

function textLines(scan: TreeScan, options: StatusScanOptions): string[] {
	const counts = countVerdicts(scan.remotes);
	const lines = [
		truncate(printable(`Scanned ${options.dir}`), options.width, 'start'),
		`${plural(scan.repositoryCount, 'repository', 'repositories')}, ${plural(scan.remotes.length, 'Bitbucket remote', 'Bitbucket remotes')}` +
			(scan.remotes.length === 0
				? '.'
				: `: ${counts.dead} dead, ${counts['needs-token']} need a token, ${counts.ok} ok.`),
	];
	if (scan.remotes.length > 0) {
		lines.push(
			'',
			...formatTable(
				[
					{title: 'PATH', shrink: {cut: 'start', floor: 12, order: 3}},
					{title: 'REMOTE', shrink: {cut: 'end', floor: 6, order: 2}},
					{title: 'REPOSITORY', shrink: {cut: 'end', floor: 12, order: 2}},
					{title: 'AUTH'},
					{title: 'VERDICT'},
					{title: 'NEXT', shrink: {cut: 'end', floor: 17, order: 1}},
				],
				scan.remotes.map((remote) => remoteRow(scan, remote, options.home)),
				options.width,
			),
		);
	}

	if (scan.credentials.length > 0) {
		lines.push(
			'',
			'Credential files (git credential-store) for the Bitbucket host:',
			...formatTable(
				[
					{title: 'FILE:LINE', shrink: {cut: 'start', floor: 12, order: 3}},
					{title: 'ENTRY', shrink: {cut: 'end', floor: 12, order: 2}},
					{title: 'AUTH'},
					{title: 'VERDICT'},
					{title: 'NEXT', shrink: {cut: 'end', floor: 19, order: 1}},
				],
				scan.credentials.map((entry) => credentialRow(entry, options.home)),
				options.width,
			),
		);
	}

	return lines;
}

function remoteRow(scan: TreeScan, remote: ScannedRemote, home: string): string[] {
	const kind = remote.repository.kind === 'clone' ? '' : ` (${remote.repository.kind})`;
	const via = remote.via ? ` (${homeShown(remote.via.file, home)}:${remote.via.line})` : '';
	return [
		`${shownPath(scan, remote.repository.root)}${kind}`,
		remote.remote,
		formatRepoRef(remote.ref),
		remote.mode,
		remote.verdict,
		`${remoteNextStep(remote.mode, remote.verdict)}${via}`,
	].map(printable);
}

function credentialRow(entry: CredentialEntry, home: string): string[] {
	return [
		`${homeShown(entry.file, home)}:${entry.line}`,
		entry.url,
		entry.mode,
		entry.verdict,
		credentialNextStep(entry.verdict),
	].map(printable);
}

export function countVerdicts(remotes: readonly {verdict: ScannedRemote['verdict']}[]) {
	const counts = {ok: 0, 'needs-token': 0, dead: 0};
	for (const remote of remotes) {
		counts[remote.verdict]++;
	}

	return counts;
}

function homeShown(file: string, home: string): string {
	return home !== '' && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}

function plural(count: number, one: string, many: string): string {
	return `${count} ${count === 1 ? one : many}`;
}
