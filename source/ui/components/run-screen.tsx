/**
 * Runs an interactive front end with Ink on the command's streams (NO_COLOR honoured) and
 * resolves with the exit code it reported once Ink has unmounted; interrupted when it ends
 * without one. Ctrl+C is a key the screens handle themselves, so a run can clean up first.
 * The last frame stays on the terminal.
 */
import {render} from 'ink';
import type {ReactElement} from 'react';
import type {CommandContext} from '../../core/context.js';
import {ExitCode} from '../../core/errors.js';
import {colorsEnabled, UiTheme} from './theme.js';

export async function runScreen(
	context: CommandContext,
	screen: (onExit: (code: ExitCode) => void) => ReactElement,
	/** The screen does not end Ink itself: its exit unmounts it. @default false */
	options: {readonly unmountOnExit?: boolean} = {},
): Promise<ExitCode> {
	let exitCode: ExitCode = ExitCode.interrupted;
	const instance = render(
		<UiTheme color={colorsEnabled(context.env)}>
			{screen((code) => {
				exitCode = code;
				if (options.unmountOnExit) {
					instance.unmount();
				}
			})}
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
