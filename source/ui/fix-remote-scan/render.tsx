/**
 * Runs the interactive fix-remote --scan with Ink (NO_COLOR honoured) and resolves with the
 * exit code once it unmounts; the last frame (the summary) stays on the terminal.
 */
import type {CommandContext} from '../../core/context.js';
import type {ExitCode} from '../../core/errors.js';
import type {Services} from '../../services/services.js';
import type {ScanFixRequest} from '../../use-cases/fix-remote-scan/plan.js';
import {runScreen} from '../components/run-screen.js';
import {ScanFixApp} from './app.js';

export async function renderScanFix(options: {
	context: CommandContext;
	request: Omit<ScanFixRequest, 'token'>;
	services: Services;
	envToken: string | undefined;
}): Promise<ExitCode> {
	const {context, request, services, envToken} = options;
	const {signal, ...rest} = request;
	return runScreen(context, (onExit) => (
		<ScanFixApp
			request={rest}
			services={services}
			envToken={envToken}
			signal={signal}
			onExit={onExit}
		/>
	));
}
