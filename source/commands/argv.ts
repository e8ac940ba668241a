/**
 * The command line, read with Node's own util.parseArgs: meow (with the package reader it
 * brings) was 127 KB of the entry's 140 and ~30 ms of every start, the commit browser's first
 * page included. Every bad argument is a UsageError of one line, found before anything runs.
 */
import {type ParseArgsConfig, parseArgs} from 'node:util';
import {UsageError} from '../core/errors.js';
import {camel, type FlagName, flagDocs, kebab} from './flags.js';
import {unknownFlagError} from './unknown-flag.js';

export type RawFlags = Partial<Record<FlagName, string | boolean>>;

export type Argv = {
	/** The arguments that are no flags: the command's name first, when there is one. */
	readonly input: readonly string[];
	readonly flags: RawFlags;
	readonly help: boolean;
	readonly version: boolean;
};

// --token is known so that it is refused with the three ways to give a token, not as a typo.
const stringFlags = new Set([
	'token',
	...Object.entries(flagDocs)
		.filter(([, doc]) => doc.type === 'string')
		.map(([name]) => kebab(name)),
]);

const options: NonNullable<ParseArgsConfig['options']> = {
	help: {type: 'boolean'},
	version: {type: 'boolean'},
	...Object.fromEntries(
		[...Object.keys(flagDocs).map(kebab), 'token'].map((flag) => [
			flag,
			{type: stringFlags.has(flag) ? 'string' : 'boolean'},
		]),
	),
};

export const knownFlags = Object.keys(options);

export function parseArgv(given: readonly string[]): Argv {
	const argv = dashValuesJoined(given);
	const unknown = unknownFlagError(argv, knownFlags);
	if (unknown) {
		throw unknown;
	}

	let parsed: ReturnType<typeof parseArgs>;
	try {
		parsed = parseArgs({
			args: argv,
			options,
			allowPositionals: true,
			allowNegative: true,
			strict: true,
		});
	} catch (error) {
		throw usageErrorOf(error);
	}

	const {help, version, token, ...byFlag} = parsed.values;
	if (token !== undefined) {
		throw tokenRefused();
	}

	const flags: Record<string, string | boolean> = {};
	for (const [flag, value] of Object.entries(byFlag)) {
		if (value !== undefined) {
			flags[camel(flag)] = value as string | boolean;
		}
	}

	return {input: parsed.positionals, flags, help: help === true, version: version === true};
}

/**
 * `--depth -1` as `--depth=-1`: the word after a flag that takes a value is its value, as git
 * reads it (and the value's own check then answers), where parseArgs calls it ambiguous.
 */
function dashValuesJoined(argv: readonly string[]): string[] {
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		const next = argv[index + 1];
		if (argument === '--') {
			joined.push(...argv.slice(index));
			break;
		}

		if (stringFlags.has(argument.replace(/^--/, '')) && next?.startsWith('-') && next !== '--') {
			joined.push(`${argument}=${next}`);
			index++;
		} else {
			joined.push(argument);
		}
	}

	return joined;
}

/** parseArgs' remaining complaint (a value left out) in the CLI's words. */
function usageErrorOf(error: unknown): UsageError {
	const flag = /'(--?[a-z][a-z-]*)/i.exec(String((error as Error).message))?.[1];
	if (flag === '--token') {
		return tokenRefused();
	}

	const doc = flag && flagDocs[camel(flag.replace(/^-+/, '')) as FlagName];
	if (doc && doc.type === 'string') {
		return new UsageError(`${flag} needs a value: ${doc.label}.`);
	}

	if (doc) {
		return new UsageError(`${flag} takes no value.`);
	}

	return new UsageError(`${flag ?? 'A flag'} is not understood here.`, {
		hint: 'Run bbtok-tui --help to see every flag.',
	});
}

function tokenRefused(): UsageError {
	return new UsageError(
		'--token is refused: a token in a flag ends up in shell history and process lists.',
		{hint: 'Give it at the masked prompt, with --token-stdin, or in BITBUCKET_ACCESS_TOKEN.'},
	);
}
