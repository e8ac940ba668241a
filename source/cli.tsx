#!/usr/bin/env node
/**
 * The only impure entry: parses arguments, decides between an interactive (Ink) and a
 * headless run, dispatches to a command, and sets the exit code. Commands are imported
 * lazily so `--help`, `--version` and the first frame do not wait for modules they do
 * not use.
 */
import module from 'node:module';
import process from 'node:process';
import packageJson from '../package.json' with {type: 'json'};
import {type Argv, parseArgv} from './commands/argv.js';
import {refuseForeignFlags} from './commands/flags.js';
import {commandHelp, programHelp} from './commands/help.js';
import type {AuthMode, Command, CommandContext, Flags} from './core/context.js';
import {
	type EndingSignal,
	ExitCode,
	endingSignals,
	exitCodeAfterSignal,
	InterruptedError,
	UsageError,
} from './core/errors.js';
import {keepHeapSmall} from './core/heap.js';
import {reportError} from './core/output.js';

// Node 22.1+ keeps V8's compiled code between runs: the Ink and undici chunks each command
// loads below then start without being parsed again. Older Node has no such cache.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

const commands = {
	onboard: async () => (await import('./commands/onboard.js')).onboard,
	commits: async () => (await import('./commands/commits.js')).commits,
	'fix-remote': async () => (await import('./commands/fix-remote.js')).fixRemote,
	status: async () => (await import('./commands/status.js')).status,
	demo: async () => (await import('./commands/demo.js')).demo,
} satisfies Record<string, () => Promise<Command>>;

type CommandName = keyof typeof commands;

function isCommandName(value: string | undefined): value is CommandName {
	return value !== undefined && Object.hasOwn(commands, value);
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	if (!/^\d+$/.test(value) || Number(value) < 1) {
		throw new UsageError(`--${flag} takes a whole number of 1 or more, not "${value}".`);
	}

	return Number(value);
}

function authMode(value: string | undefined): AuthMode | undefined {
	if (value === undefined || value === 'prompt' || value === 'helper' || value === 'embed') {
		return value;
	}

	throw new UsageError(`--auth takes "prompt", "helper" or "embed", not "${value}".`);
}

function parseFlags({flags: raw}: Argv): Flags {
	const text = (name: keyof Argv['flags']) => raw[name] as string | undefined;
	const on = (name: keyof Argv['flags']) => raw[name] === true;
	return {
		tokenStdin: on('tokenStdin'),
		input: raw.input !== false,
		json: on('json'),
		yes: on('yes'),
		stripCredentials: on('stripCredentials'),
		statuses: on('statuses'),
		dir: text('dir'),
		branch: text('branch'),
		depth: positiveInteger('depth', text('depth')),
		botEmail: text('botEmail'),
		auth: authMode(text('auth')),
		scan: text('scan'),
		remote: text('remote'),
		limit: positiveInteger('limit', text('limit')),
		apiUrl: text('apiUrl'),
		gitUrl: text('gitUrl'),
	};
}

/** The first ending signal received, if any. */
let ending: EndingSignal | undefined;
/** The run's exit code once main() has returned. */
let finished: ExitCode | undefined;

async function main(): Promise<ExitCode> {
	const abort = new AbortController();
	// Every ending signal aborts the command, which removes what it created and returns; the
	// exit code then says which signal it was. `on`, not `once`: conf's atomic writer
	// (when-exit) re-raises the signal after its own cleanup, and neither that nor a second
	// signal from the user may kill the process while the command is still cleaning up.
	// Never removed: a signal that comes after the run has cleaned up (a second Ctrl+C while
	// sockets close) must not kill the process with its own status; it ends it with the run's.
	for (const signal of endingSignals) {
		process.on(signal, () => {
			if (finished !== undefined) {
				process.exit(finished);
			}

			ending ??= signal;
			abort.abort(new InterruptedError(`Ended by ${signal}.`));
		});
	}

	let flags: Flags | undefined;
	const argv = process.argv.slice(2);
	try {
		const parsed = parseArgv(argv);
		const [first, ...rest] = parsed.input;
		const name: CommandName = isCommandName(first) ? first : 'onboard';
		if (parsed.version) {
			process.stdout.write(`${packageJson.version}\n`);
			return ExitCode.ok;
		}

		if (parsed.help) {
			process.stdout.write(isCommandName(first) ? commandHelp(first) : programHelp());
			return ExitCode.ok;
		}

		refuseForeignFlags(name, argv);
		flags = parseFlags(parsed);
		// Only the commands that clone allocate at a clone's rate; the commit browser keeps V8's
		// defaults. Set before the command's modules load: once grown, the young generation stays.
		if (name === 'onboard' || name === 'demo') {
			keepHeapSmall();
		}

		const context: CommandContext = {
			args: isCommandName(first) ? rest : parsed.input,
			flags,
			env: process.env,
			interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY && flags.input),
			cwd: process.cwd(),
			stdin: process.stdin,
			stdout: process.stdout,
			stderr: process.stderr,
			signal: abort.signal,
		};
		const command = await commands[name]();
		const code = await command(context);
		if (context.interactive && ending !== undefined && code === ExitCode.interrupted) {
			// A screen ended by the signal has shown its last frame; this line says why it ended
			// (headless runs have reported the interruption themselves).
			process.stderr.write(`bbtok-tui: Ended by ${ending}; what this run created was removed.\n`);
		}

		return exitCodeAfterSignal(code, ending);
	} catch (error) {
		const code = reportError(error, process, {json: flags?.json ?? argv.includes('--json')});
		return exitCodeAfterSignal(code, ending);
	}
}

// A closed terminal (SIGHUP) or a reader that went away (EPIPE) makes every later write fail;
// the run must still finish its cleanup and exit with its code, not die of the write.
const ignoreWriteFailure = () => undefined;
process.stdout.on('error', ignoreWriteFailure);
process.stderr.on('error', ignoreWriteFailure);

finished = await main();
process.exitCode = finished;
if (ending !== undefined) {
	// Ended by a signal, and cleaned up: leave now, not through Node's full teardown, which first
	// gives every signal its default action back; a second signal then would kill the process
	// with its own status.
	process.exit(finished);
}
