/**
 * `fix-remote --scan DIR` without prompts: the preview of every change on stderr, then every
 * change applied (running headless is the confirmation, as for fix-remote), progress on
 * stderr, and the summary on stdout (one JSON object per clone with --json). An interruption
 * stops between two clones: exit 130, and the summary says which clones were migrated.
 */
import {ExitCode} from '../../core/errors.js';
import {printable} from '../../core/terminal-text.js';
import type {Services} from '../../services/services.js';
import {applyScanFix} from './apply.js';
import {planScanFix, type ScanFixRequest} from './plan.js';
import {jsonResults, previewLines, resultLine, summaryLines} from './report.js';

type Writable = {write(chunk: string): unknown};

export async function runHeadlessScanFix(options: {
	readonly request: ScanFixRequest;
	readonly services: Services;
	readonly json: boolean;
	readonly stdout: Writable;
	readonly stderr: Writable;
}): Promise<ExitCode> {
	const {request, services, stderr} = options;
	const say = (line: string) => stderr.write(`${line}\n`);
	const {settings, warning} = await services.settings();
	if (warning) {
		say(warning);
	}

	say(`Scanning ${printable(request.dir)}…`);
	const plan = await planScanFix(
		{
			...request,
			onScanned: ({clones, candidates, repositories}) =>
				say(
					`${clones} repositories, ${candidates} to move onto the token; checking ${repositories} with ${services.endpoints.apiUrl}…`,
				),
		},
		services,
	);
	for (const line of previewLines(plan, request.stripCredentials)) {
		say(line);
	}

	if (plan.changes.length > 0) {
		say('Applying…');
	}

	const outcome = await applyScanFix(plan, {
		token: request.token,
		services,
		selected: new Set(plan.changes.map((change) => change.candidate.root)),
		stripCredentials: request.stripCredentials,
		settings,
		signal: request.signal,
		onResult: (result) => say(`  ${resultLine(plan, result)}`),
	});
	for (const line of outcome.warnings) {
		say(line);
	}

	const lines = options.json ? jsonResults(outcome) : summaryLines(plan, outcome);
	options.stdout.write(lines.map((line) => `${line}\n`).join(''));
	if (options.json) {
		for (const line of summaryLines(plan, outcome)) {
			say(line);
		}
	}

	if (outcome.interrupted) {
		return ExitCode.interrupted;
	}

	return outcome.clones.some((result) => result.status === 'failed')
		? ExitCode.failure
		: ExitCode.ok;
}
