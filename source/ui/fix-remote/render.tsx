/**
 * Runs the interactive fix-remote: settles what can be settled before the first frame
 * (the remote when unambiguous, a BITBUCKET_ACCESS_TOKEN), renders the screens with Ink
 * (NO_COLOR honoured), and resolves with the exit code once they unmount. The last frame
 * stays on the terminal.
 */
import {render} from 'ink';
import type {CommandContext} from '../../core/context.js';
import {ExitCode} from '../../core/errors.js';
import {chooseRemote} from '../../use-cases/fix-remote/remote-choice.js';
import type {FixRemoteSetup} from '../../use-cases/fix-remote/setup.js';
import {tokenFromEnv} from '../../use-cases/token-source.js';
import {colorsEnabled, UiTheme} from '../components/theme.js';
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
	let exitCode: ExitCode = ExitCode.interrupted;
	const instance = render(
		<UiTheme color={colorsEnabled(context.env)}>
			<FixRemoteApp
				context={context}
				setup={setup}
				choice={choice}
				envToken={envToken}
				signal={context.signal}
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
