/**
 * Every flag of the CLI, once: how the command line is parsed (argv.ts), how `--help` shows it, and which commands
 * take it. A flag given to a command that does not take it is a usage error naming that
 * command and its flags (`commits --depth 3` would otherwise be ignored without a word).
 */
import {UsageError} from '../core/errors.js';

export type CommandName = 'onboard' | 'commits' | 'fix-remote' | 'status' | 'demo';

type FlagDoc = {
	readonly type: 'string' | 'boolean';
	/** As `--help` shows it, e.g. `--dir PATH`. */
	readonly label: string;
	readonly text: string;
	readonly commands: readonly CommandName[];
};

const tokenCommands = ['onboard', 'commits', 'fix-remote', 'status'] as const;
const promptingCommands = ['onboard', 'commits', 'fix-remote', 'demo'] as const;

export const flagDocs = {
	tokenStdin: {
		type: 'boolean',
		label: '--token-stdin',
		text: 'read the token from the first line of standard input',
		commands: tokenCommands,
	},
	dir: {
		type: 'string',
		label: '--dir PATH',
		text: 'clone target (default ./<repo>)',
		commands: ['onboard', 'demo'],
	},
	branch: {
		type: 'string',
		label: '--branch NAME',
		text: 'branch to clone or browse',
		commands: ['onboard', 'commits', 'demo'],
	},
	depth: {
		type: 'string',
		label: '--depth N',
		text: 'shallow clone with N commits of history',
		commands: ['onboard', 'demo'],
	},
	botEmail: {
		type: 'string',
		label: '--bot-email EMAIL|BOTID',
		text: "the token's bot email (a bare id gets @bots.bitbucket.org)",
		commands: ['onboard', 'fix-remote', 'demo'],
	},
	auth: {
		type: 'string',
		label: '--auth prompt|helper|embed',
		text: 'how git authenticates later: prompt (default) stores the token nowhere; helper hands it to your credential helper; embed writes it into .git/config as plain text',
		commands: ['onboard', 'fix-remote', 'demo'],
	},
	scan: {
		type: 'string',
		label: '--scan DIR',
		text: 'status, fix-remote: every clone under DIR',
		commands: ['status', 'fix-remote'],
	},
	remote: {
		type: 'string',
		label: '--remote NAME',
		text: 'the remote to fix or check (default origin)',
		commands: ['fix-remote', 'status'],
	},
	stripCredentials: {
		type: 'boolean',
		label: '--strip-credentials',
		text: "fix-remote: remove secrets embedded in other remotes' URLs (with --scan: also dead entries of git's credential files)",
		commands: ['fix-remote'],
	},
	limit: {
		type: 'string',
		label: '--limit N',
		text: 'commits to print (default 30 headless)',
		commands: ['onboard', 'commits', 'demo'],
	},
	statuses: {
		type: 'boolean',
		label: '--statuses',
		text: "commits: add each commit's build statuses (one request per commit)",
		commands: ['commits'],
	},
	json: {
		type: 'boolean',
		label: '--json',
		text: 'machine output (one JSON object per line for lists)',
		commands: ['onboard', 'commits', 'fix-remote', 'status', 'demo'],
	},
	yes: {
		type: 'boolean',
		label: '--yes',
		text: 'accept defaults without asking',
		commands: ['onboard', 'fix-remote', 'demo'],
	},
	input: {
		type: 'boolean',
		label: '--no-input',
		text: 'never prompt (also when stdin or stdout is not a terminal)',
		commands: promptingCommands,
	},
	apiUrl: {
		type: 'string',
		label: '--api-url URL',
		text: 'REST API base (default https://api.bitbucket.org/2.0)',
		commands: tokenCommands,
	},
	gitUrl: {
		type: 'string',
		label: '--git-url URL',
		text: 'git HTTPS base (default https://bitbucket.org)',
		commands: tokenCommands,
	},
} as const satisfies Record<string, FlagDoc>;

export type FlagName = keyof typeof flagDocs;

/** The kebab-case name a flag is typed as: `botEmail` → `bot-email`. */
export function kebab(name: string): string {
	return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The flags `command` takes, in `--help` order. */
export function flagsOf(command: CommandName): FlagName[] {
	return (Object.keys(flagDocs) as FlagName[]).filter((name) =>
		(flagDocs[name].commands as readonly CommandName[]).includes(command),
	);
}

/**
 * Refuses the first flag in `argv` (before `--`) that `command` does not take. Unknown flags
 * were refused before; `--help` and `--version` go with every command.
 */
export function refuseForeignFlags(command: CommandName, argv: readonly string[]): void {
	const taken = new Set(flagsOf(command).map(kebab));
	const known = new Set(Object.keys(flagDocs).map(kebab));
	for (const argument of argv) {
		if (argument === '--') {
			return;
		}

		const name = /^--?([a-z][a-z\d-]*)/i.exec(argument)?.[1];
		const base = name?.startsWith('no-') && known.has(name.slice(3)) ? name.slice(3) : name;
		if (base === undefined || !known.has(base) || taken.has(base)) {
			continue;
		}

		const label = flagDocs[camel(base) as FlagName].label.split(' ')[0];
		throw new UsageError(`${command} does not take ${label}.`, {
			hint: `${command} takes ${flagsOf(command)
				.map((flag) => flagDocs[flag].label.split(' ')[0])
				.join(', ')}; see bbtok-tui ${command} --help.`,
		});
	}
}

/** The flag's name in code: `bot-email` → `botEmail`. */
export function camel(name: string): string {
	return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
