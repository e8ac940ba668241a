/**
 * Runs the interactive fix-remote --scan with Ink (NO_COLOR honoured) and resolves with the
 * exit code once it unmounts; the last frame (the summary) stays on the terminal.
 */
import {render} from 'ink';
import type {CommandContext} from '../../core/context.js';
import {ExitCode} from '../../core/errors.js';
import type {Services} from '../../services/services.js';
import type {ScanFixRequest} from '../../use-cases/fix-remote-scan/plan.js';
import {colorsEnabled, UiTheme} from '../components/theme.js';
import {ScanFixApp} from './app.js';

export async function renderScanFix(options: {
	context: CommandContext;
	request: Omit<ScanFixRequest, 'token'>;
	services: Services;
	envToken: string | undefined;
}): Promise<ExitCode> {
	const {context, request, services, envToken} = options;
	let exitCode: ExitCode = ExitCode.interrupted;
	const {signal, ...rest} = request;
	const instance = render(
		<UiTheme color={colorsEnabled(context.env)}>
			<ScanFixApp
				request={rest}
				services={services}
				envToken={envToken}
				signal={signal}
				onExit={(code) => {
					exitCode = code;
				}}
			/>
		</UiTheme>,
		{
			stdin: context.stdin,
			stdout: context.stdout,
			stderr: context.stderr,
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	await instance.waitUntilExit();
	return exitCode;
}
