/**
 * `bbtok-tui status [PATH] [--remote NAME] [--json]`: the health of a clone's token auth;
 * `status --scan DIR`: every clone under DIR, offline. Never prompts (even on a terminal) and
 * never changes a byte; the report goes to stdout (one JSON object with --json), the problem
 * and its next step to stderr; the exit code says it.
 */
import path from 'node:path';
import type {CommandContext} from '../core/context.js';
import {type ExitCode, UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {terminalSafeJson} from '../core/terminal-text.js';
import {withServices} from '../services/services.js';
import {cloneStatus} from '../use-cases/status/clone-status.js';
import type {GivenToken} from '../use-cases/status/find-token.js';
import {statusLines} from '../use-cases/status/status-text.js';
import {readHeadlessToken} from '../use-cases/token-source.js';
import {scanInputsOf} from './scan-inputs.js';

export async function status(context: CommandContext): Promise<ExitCode> {
	if (context.flags.scan !== undefined) {
		const {runStatusScan} = await import('../use-cases/status/scan.js');
		return runStatusScan({
			...scanInputsOf(context, 'status'),
			json: context.flags.json,
			width: context.stdout.isTTY ? context.stdout.columns || 80 : 80,
			stdout: context.stdout,
			stderr: context.stderr,
			signal: context.signal,
		});
	}

	if (context.args.length > 1) {
		throw new UsageError(`status takes one PATH, not ${context.args.length}.`, {
			hint: 'Usage: bbtok-tui status [PATH] [--remote NAME] [--json], or status --scan DIR',
		});
	}

	const given: GivenToken = async () => {
		const value = await readHeadlessToken(context);
		return value === undefined
			? undefined
			: {value, source: context.flags.tokenStdin ? 'token-stdin' : 'env'};
	};
	const report = await withServices(context, (services) =>
		cloneStatus({
			services,
			path: path.resolve(context.cwd, context.args[0] ?? '.'),
			...(context.flags.remote === undefined ? {} : {remote: context.flags.remote}),
			given,
			env: context.env,
			signal: context.signal,
		}),
	);
	if (context.flags.json) {
		context.stdout.write(`${terminalSafeJson(report)}\n`);
	} else {
		context.stdout.write(`${statusLines(report).map(redact).join('\n')}\n`);
	}

	if (report.problem !== null) {
		context.stderr.write(`bbtok-tui: ${report.problem.message}\n`);
		if (report.problem.hint) {
			context.stderr.write(`  ${report.problem.hint}\n`);
		}
	}

	return report.exitCode;
}
