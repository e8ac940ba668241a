/**
 * `--help`, for the whole program and for one command (`bbtok-tui commits --help`), built from
 * the flag table so that a command's help lists exactly the flags it takes.
 */
import {type CommandName, type FlagName, flagDocs, flagsOf} from './flags.js';

type CommandDoc = {readonly usage: string; readonly text: string; readonly variables: string[]};

const apiVariables = ['BBTOK_API_URL', 'BBTOK_GIT_URL', 'BITBUCKET_ACCESS_TOKEN', 'proxies'];

export const commandDocs: Record<CommandName, CommandDoc> = {
	onboard: {
		usage: 'bbtok-tui [onboard] [REPO]',
		text: 'the onboarding wizard: token → verify → clone → bot email → commits',
		variables: [...apiVariables, 'BBTOK_CONFIG_DIR', 'NO_COLOR'],
	},
	commits: {
		usage: 'bbtok-tui commits [REPO] [--branch NAME]',
		text: "browse commits with each commit's build status (REPO defaults to this clone's remote)",
		variables: [...apiVariables, 'NO_COLOR'],
	},
	'fix-remote': {
		usage: 'bbtok-tui fix-remote [PATH] [--remote NAME] | --scan DIR',
		text: 'point an existing clone (or every clone under DIR) at token auth, set its bot email',
		variables: [...apiVariables, 'NO_COLOR'],
	},
	status: {
		usage: 'bbtok-tui status [PATH] [--remote NAME] | --scan DIR',
		text: "health of a clone's token auth (or, offline, of every clone under DIR); changes nothing",
		variables: apiVariables,
	},
	demo: {
		usage: 'bbtok-tui demo',
		text: 'run the wizard against an embedded local Bitbucket sandbox (no account needed)',
		variables: ['NO_COLOR'],
	},
};

const variableDocs: Record<string, string> = {
	BBTOK_API_URL: 'REST API base, version path included',
	BBTOK_GIT_URL: 'git HTTPS host base',
	BITBUCKET_ACCESS_TOKEN: 'token for non-interactive use',
	BBTOK_CONFIG_DIR: 'folder of the settings file',
	proxies: 'HTTPS_PROXY, HTTP_PROXY, NO_PROXY: proxies, for API and git alike',
	NO_COLOR: 'no colours',
};

/** status never prompts: it checks the token the clone keeps first. */
const statusTokenText = `  The token (never a flag value; status never prompts)
    1. the one the clone keeps: in its remote URL, or in its credential helper
    2. --token-stdin                        read the first line of standard input
    3. BITBUCKET_ACCESS_TOKEN               environment variable`;

const tokenText = `  The token (never a flag value)
    1. the masked prompt (interactive runs)
    2. --token-stdin                        read the first line of standard input
    3. BITBUCKET_ACCESS_TOKEN               environment variable`;

const authText = `  How git remembers the token (--auth)
    prompt   remote https://x-token-auth@host/ws/repo.git; the token is stored nowhere (git asks)
    helper   the same remote; your credential helper (osxkeychain, manager, wincred, libsecret,
             cache) keeps it for this repository only; readable by your account through it
    embed    https://x-token-auth:TOKEN@host/…; plain text in .git/config: anyone who can read
             the file has it`;

const exitText = `  Exit codes
    0 success · 1 unexpected failure · 2 usage or bad input · 3 token rejected or lacking scope
    4 repository not found with this token · 5 network or server failure
    128+N ended by signal N: 130 Ctrl+C, 129 terminal closed, 143 SIGTERM`;

const lineWidth = 100;

/** `label` then `text` from column `width`, wrapped to 100 columns; a long label gets a line of its own. */
function column(label: string, text: string, width = 30): string {
	const indent = ' '.repeat(width);
	const words = text.split(' ');
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (line !== '' && width + line.length + 1 + word.length > lineWidth) {
			lines.push(line);
			line = word;
		} else {
			line = line === '' ? word : `${line} ${word}`;
		}
	}

	lines.push(line);
	const head = `    ${label}`;
	const first =
		head.length < width ? `${head.padEnd(width)}${lines[0]}` : `${head}\n${indent}${lines[0]}`;
	return [first, ...lines.slice(1).map((rest) => `${indent}${rest}`)].join('\n');
}

function flagLines(names: readonly FlagName[]): string {
	return names.map((name) => column(flagDocs[name].label, flagDocs[name].text)).join('\n');
}

function variableLines(names: readonly string[]): string {
	return names
		.map((name) =>
			name === 'proxies'
				? column('HTTPS_PROXY, HTTP_PROXY, NO_PROXY', 'proxies, for API and git alike')
				: column(name, variableDocs[name]!),
		)
		.join('\n');
}

/** The whole program's help: every command, flag and variable. */
export function programHelp(): string {
	const commands = (Object.keys(commandDocs) as CommandName[])
		.map((name) => `    $ ${commandDocs[name].usage}\n${column('', commandDocs[name].text, 8)}`)
		.join('\n');
	return `
  Usage
${commands}

  REPO is workspace/repo or any Bitbucket URL (https, git@bitbucket.org:ws/repo.git, ssh://).
  bbtok-tui COMMAND --help lists the flags of one command.

${tokenText}

${authText}

  Options
${flagLines(Object.keys(flagDocs) as FlagName[])}
    --help, --version

  Environment
${variableLines(Object.keys(variableDocs))}
  Flags win over variables. Plain http:// URLs are refused unless the host is loopback.

${exitText}

  Examples
    $ npx bbtok-tui demo
    $ npx bbtok-tui acme/widget --auth helper
    $ printf '%s\\n' "$TOKEN" | bbtok-tui acme/widget --token-stdin --bot-email 1a2b3c --json
    $ bbtok-tui status --scan ~/src
    $ bbtok-tui fix-remote ~/src/widget --yes
`;
}

/** One command's help: its usage, only its flags, and the variables it reads. */
export function commandHelp(command: CommandName): string {
	const doc = commandDocs[command];
	const takesToken = flagsOf(command).includes('tokenStdin');
	const takesAuth = flagsOf(command).includes('auth');
	return `
  Usage
    $ ${doc.usage}

  ${doc.text[0]!.toUpperCase()}${doc.text.slice(1)}.
${takesToken ? `\n${command === 'status' ? statusTokenText : tokenText}\n` : ''}${takesAuth ? `\n${authText}\n` : ''}
  Options
${flagLines(flagsOf(command))}
    --help

  Environment
${variableLines(doc.variables)}

${exitText}
`;
}
