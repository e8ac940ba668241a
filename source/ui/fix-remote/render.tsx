/**
 * Runs the interactive fix-remote: settles what can be settled before the first frame
 * (the remote when unambiguous, a BITBUCKET_ACCESS_TOKEN), renders the screens with Ink
 * (NO_COLOR honoured), and resolves with the exit code once they unmount. The last frame
 * stays on the terminal.
 */
import type {CommandContext} from '../../core/context.js';
import type {ExitCode} from '../../core/errors.js';
import {chooseRemote} from '../../use-cases/fix-remote/remote-choice.js';
import type {FixRemoteSetup} from '../../use-cases/fix-remote/setup.js';
import {tokenFromEnv} from '../../use-cases/token-source.js';
import {runScreen} from '../components/run-screen.js';
import {FixRemoteApp} from './app.js';

export async function renderFixRemote(options: {
	context: CommandContext;
	setup: FixRemoteSetup;
}): Promise<ExitCode> {
	const {context, setup} = options;
	const choice = chooseRemote({
		remotes: setup.inspection.remotes,
		candidates: setup.inspection.candidates,
		requested: context.flags.remote,
		where: setup.where,
	});
	const envToken = tokenFromEnv(context.env);
	return runScreen(context, (onExit) => (
		<FixRemoteApp
			context={context}
			setup={setup}
			choice={choice}
			envToken={envToken}
			signal={context.signal}
			onExit={onExit}
		/>
	));
}
