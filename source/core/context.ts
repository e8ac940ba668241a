/**
 * What every command receives from the CLI entry: parsed arguments, the environment and
 * the streams, and whether it may prompt. Commands return the exit code; only cli.tsx
 * touches process.exitCode.
 */
import type {ExitCode} from './errors.js';

/** How later git commands authenticate (PRODUCT.md, "How git remembers the token"). */
export type AuthMode = 'prompt' | 'helper' | 'embed';

export type Flags = {
	readonly tokenStdin: boolean;
	/** False with `--no-input`: never prompt. */
	readonly input: boolean;
	readonly json: boolean;
	readonly yes: boolean;
	readonly stripCredentials: boolean;
	/** commits: add each commit's build statuses. */
	readonly statuses: boolean;
	readonly dir?: string;
	readonly branch?: string;
	readonly depth?: number;
	readonly botEmail?: string;
	readonly auth?: AuthMode;
	/** status, fix-remote: every clone under this folder. */
	readonly scan?: string;
	readonly remote?: string;
	readonly limit?: number;
	readonly apiUrl?: string;
	readonly gitUrl?: string;
};

export type CommandContext = {
	/** Positional arguments after the command name (for onboard: after `onboard`, if given). */
	readonly args: readonly string[];
	readonly flags: Flags;
	readonly env: NodeJS.ProcessEnv;
	/** True when stdin and stdout are TTYs and `--no-input` was not given: Ink may render. */
	readonly interactive: boolean;
	readonly cwd: string;
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly stderr: NodeJS.WriteStream;
	/** Aborted on SIGINT, SIGTERM or SIGHUP; interactive screens also handle Ctrl+C as a key. */
	readonly signal: AbortSignal;
};

export type Command = (context: CommandContext) => Promise<ExitCode>;
