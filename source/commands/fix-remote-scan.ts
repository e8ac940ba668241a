/**
 * `bbtok-tui fix-remote --scan DIR`: one token for every clone under DIR that it reaches.
 * Reads what only the command layer may (the token's sources, $HOME), then runs the Ink list
 * (interactive) or the headless use case.
 */
import type {CommandContext} from '../core/context.js';
import {type ExitCode, UsageError} from '../core/errors.js';
import {withServices} from '../services/services.js';
import {normalizeBotEmail} from '../use-cases/bot-email.js';
import {requireScanHelper, type ScanFixRequest} from '../use-cases/fix-remote-scan/plan.js';
import {readHeadlessToken, tokenFromEnv} from '../use-cases/token-source.js';
import {scanInputsOf} from './scan-inputs.js';

export async function fixRemoteScan(context: CommandContext): Promise<ExitCode> {
	const {flags} = context;
	const inputs = scanInputsOf(context, 'fix-remote');
	const request: Omit<ScanFixRequest, 'token'> = {
		dir: inputs.dir,
		credentialFiles: inputs.credentialFiles,
		auth: flags.auth,
		botEmail: flags.botEmail === undefined ? undefined : normalizeBotEmail(flags.botEmail),
		remote: flags.remote,
		stripCredentials: flags.stripCredentials,
		signal: context.signal,
	};
	if (context.interactive) {
		const envToken = tokenFromEnv(context.env);
		const {renderScanFix} = await import('../ui/fix-remote-scan/render.js');
		return withServices(context, async (services) => {
			await requireScanHelper(request.auth, services);
			return renderScanFix({context, request, services, envToken});
		});
	}

	const token = await readHeadlessToken(context);
	if (token === undefined) {
		throw new UsageError(
			'No token: fix-remote --scan checks each clone with one before it changes anything.',
			{
				hint: 'Pipe it with --token-stdin, or set BITBUCKET_ACCESS_TOKEN.',
			},
		);
	}

	const {runHeadlessScanFix} = await import('../use-cases/fix-remote-scan/headless.js');
	return withServices(context, async (services) => {
		await requireScanHelper(request.auth, services);
		return runHeadlessScanFix({
			request: {...request, token},
			services,
			json: flags.json,
			stdout: context.stdout,
			stderr: context.stderr,
		});
	});
}
