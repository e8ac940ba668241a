/**
 * `bbtok-tui status --scan DIR`: the health of every clone under DIR, offline. (`status
 * [PATH]` for one clone, with live probes, is its own branch.)
 */
import type {CommandContext} from '../core/context.js';
import {type ExitCode, UsageError} from '../core/errors.js';
import {scanInputsOf} from './scan-inputs.js';

export async function status(context: CommandContext): Promise<ExitCode> {
	if (context.flags.scan === undefined) {
		throw new UsageError('status needs --scan DIR in this build.', {
			hint: 'Run bbtok-tui status --scan DIR to check every clone under DIR.',
		});
	}

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
