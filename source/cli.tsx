#!/usr/bin/env node
/**
 * The only impure entry: parses arguments, decides between an interactive (Ink) and a
 * headless run, dispatches to a command, and sets the exit code. Commands are imported
 * lazily so `--help`, `--version` and the first frame do not wait for modules they do
 * not use.
 */
import module from 'node:module';
import process from 'node:process';
import meow from 'meow';
import type {AuthMode, Command, CommandContext, Flags} from './commands/context.js';
import {reportError} from './commands/output.js';
import {unknownFlagError} from './commands/unknown-flag.js';
import {type ExitCode, UsageError} from './errors.js';

// Node 22.1+ keeps V8's compiled code between runs: the Ink and undici chunks each command
// loads below then start without being parsed again. Older Node has no such cache.
(module as {enableCompileCache?: () => unknown}).enableCompileCache?.();

const help = `
  Usage
    $ bbtok-tui [REPO]                      onboarding wizard (same as: onboard)
    $ bbtok-tui onboard [REPO]              token → verify → clone → bot email → commits
    $ bbtok-tui commits [REPO] [--branch NAME]
                                            browse commits (REPO defaults to this clone's remote)
    $ bbtok-tui fix-remote [PATH] [--remote NAME]
                                            point an existing clone at token auth, set its bot email
    $ bbtok-tui demo                        run the wizard against an embedded local Bitbucket sandbox

  REPO is workspace/repo or any Bitbucket URL (https, git@bitbucket.org:ws/repo.git, ssh://).

  The token (never a flag value)
    1. the masked prompt (interactive runs)
    2. --token-stdin                        read the first line of standard input
    3. BITBUCKET_ACCESS_TOKEN               environment variable

  Options
    --dir PATH                clone target (default ./<repo>)
    --branch NAME             branch to clone or browse
    --depth N                 shallow clone with N commits of history
    --bot-email EMAIL|BOTID   the token's bot email (a bare id gets @bots.bitbucket.org)
    --auth prompt|embed       how git authenticates later (default prompt: the token is stored nowhere;
                              embed: the token sits in .git/config as plain text)
    --remote NAME             remote to fix (fix-remote; default origin)
    --strip-credentials       fix-remote: remove secrets embedded in other remotes' URLs
    --limit N                 commits to print (default 30 headless)
    --json                    machine output (one JSON object per line for commit lists)
    --yes                     accept defaults without asking
    --no-input                never prompt (also when stdin or stdout is not a terminal)
    --api-url URL             REST API base (default https://api.bitbucket.org/2.0)
    --git-url URL             git HTTPS base (default https://bitbucket.org)
    --help, --version

  Environment
    BBTOK_API_URL             REST API base, version path included
    BBTOK_GIT_URL             git HTTPS host base
    BITBUCKET_ACCESS_TOKEN    token for non-interactive use
    BBTOK_CONFIG_DIR          folder of the settings file
    HTTPS_PROXY, HTTP_PROXY, NO_PROXY
                              proxies, for API and git alike
    NO_COLOR                  no colours
  Flags win over variables. Plain http:// URLs are refused unless the host is loopback.

  Exit codes
    0 success · 1 unexpected failure · 2 usage or bad input · 3 token rejected or lacking scope
    4 repository not found with this token · 5 network or server failure · 130 interrupted

  Examples
    $ npx bbtok-tui demo
    $ npx bbtok-tui acme/widget
    $ printf '%s\\n' "$TOKEN" | bbtok-tui acme/widget --token-stdin --bot-email 1a2b3c --json
    $ bbtok-tui fix-remote ~/src/widget --yes
`;

const commands = {
	onboard: async () => (await import('./commands/onboard.js')).onboard,
	commits: async () => (await import('./commands/commits.js')).commits,
	'fix-remote': async () => (await import('./commands/fix-remote.js')).fixRemote,
	demo: async () => (await import('./commands/demo.js')).demo,
} satisfies Record<string, () => Promise<Command>>;

type CommandName = keyof typeof commands;

function isCommandName(value: string | undefined): value is CommandName {
	return value !== undefined && Object.hasOwn(commands, value);
}

const flagSpec = {
	token: {type: 'string'},
	tokenStdin: {type: 'boolean', default: false},
	input: {type: 'boolean', default: true},
	json: {type: 'boolean', default: false},
	yes: {type: 'boolean', default: false},
	stripCredentials: {type: 'boolean', default: false},
	dir: {type: 'string'},
	branch: {type: 'string'},
	depth: {type: 'string'},
	botEmail: {type: 'string'},
	auth: {type: 'string'},
	remote: {type: 'string'},
	limit: {type: 'string'},
	apiUrl: {type: 'string'},
	gitUrl: {type: 'string'},
} as const;

const cli = meow(help, {
	importMeta: import.meta,
	// Unknown flags are refused by unknownFlagError, with the program's name and a suggestion.
	allowUnknownFlags: true,
	flags: flagSpec,
});

const knownFlags = [
	...Object.keys(flagSpec).map((name) =>
		name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
	),
	'help',
	'version',
];

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
	if (value === undefined || value === 'prompt' || value === 'embed') {
		return value;
	}

	throw new UsageError(`--auth takes "prompt" or "embed", not "${value}".`);
}

function parseFlags(): Flags {
	const raw = cli.flags;
	if (raw.token !== undefined) {
		throw new UsageError(
			'--token is refused: a token in a flag ends up in shell history and process lists.',
			{
				hint: 'Give it at the masked prompt, with --token-stdin, or in BITBUCKET_ACCESS_TOKEN.',
			},
		);
	}

	return {
		tokenStdin: raw.tokenStdin,
		input: raw.input,
		json: raw.json,
		yes: raw.yes,
		stripCredentials: raw.stripCredentials,
		dir: raw.dir,
		branch: raw.branch,
		depth: positiveInteger('depth', raw.depth),
		botEmail: raw.botEmail,
		auth: authMode(raw.auth),
		remote: raw.remote,
		limit: positiveInteger('limit', raw.limit),
		apiUrl: raw.apiUrl,
		gitUrl: raw.gitUrl,
	};
}

async function main(): Promise<ExitCode> {
	const [first, ...rest] = cli.input;
	const name: CommandName = isCommandName(first) ? first : 'onboard';
	const args = isCommandName(first) ? rest : cli.input;
	const abort = new AbortController();
	const interrupt = () => abort.abort();
	// `on`, not `once`: conf's atomic writer (when-exit) re-raises the signal after its own
	// cleanup, and that second delivery must not kill the process before the command cleans up.
	process.on('SIGINT', interrupt);
	process.on('SIGTERM', interrupt);
	let flags: Flags | undefined;
	try {
		const unknown = unknownFlagError(process.argv.slice(2), knownFlags);
		if (unknown) {
			throw unknown;
		}

		flags = parseFlags();
		const context: CommandContext = {
			args,
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
		return await command(context);
	} catch (error) {
		return reportError(error, process, {json: flags?.json ?? cli.flags.json});
	} finally {
		process.off('SIGINT', interrupt);
		process.off('SIGTERM', interrupt);
	}
}

process.exitCode = await main();
