/**
 * Which credential helper `--auth helper` hands a token to: the helpers git would ask for a
 * repository URL, read from `git config` (plain `credential.helper` and URL-scoped
 * `credential.<url>.helper` keys, in git's order, an empty value clearing the list), and the
 * first of them that does not write plain text. `store` writes ~/.git-credentials in the
 * clear and `netrc` only reads a plain-text file: neither may receive an access token.
 */
import {UsageError} from '../core/errors.js';
import {credentialUrlMatches} from './credential-url.js';
import {type GitRun, runGit} from './git-cli.js';

export type ConfiguredHelper = {
	/** The value as configured: `cache --timeout 3600`, `osxkeychain`, `/path/git-credential-x`. */
	readonly value: string;
	/** The helper's short name: `cache`, `osxkeychain`, `manager`, `libsecret`, `store`. */
	readonly name: string;
	readonly plainText: boolean;
	/** Where git read it: system, global, local or command. */
	readonly scope: string;
};

const plainTextHelpers = new Set(['store', 'netrc']);

/**
 * The helpers git asks for `url`, in order. `withLocal` counts the config of the repository
 * `run.cwd` is in (a clone being fixed or checked); a new clone has none yet.
 */
export async function helpersFor(
	run: GitRun,
	url: string,
	options: {withLocal: boolean},
): Promise<ConfiguredHelper[]> {
	const result = await runGit(run, [
		'config',
		'--null',
		'--show-scope',
		'--get-regexp',
		String.raw`^credential\..*helper$`,
	]);
	// 1: no such key; anything else without output is a config git itself cannot read.
	if (result.code !== 0 && result.stdout === '') {
		return [];
	}

	let helpers: ConfiguredHelper[] = [];
	for (const {scope, key, value} of parseEntries(result.stdout)) {
		const pattern = urlPatternOf(key);
		if (pattern === undefined || (scope === 'local' && !options.withLocal)) {
			continue;
		}

		if (pattern !== '' && !credentialUrlMatches(pattern, url)) {
			continue;
		}

		helpers =
			value === '' ? [] : [...helpers, {value, name: helperName(value), plainText: false, scope}];
	}

	return helpers.map((helper) => ({...helper, plainText: plainTextHelpers.has(helper.name)}));
}

/** The helper `--auth helper` uses: the first git asks that keeps the token out of plain text. */
export function safeHelper(helpers: readonly ConfiguredHelper[]): ConfiguredHelper | undefined {
	return helpers.find((helper) => !helper.plainText);
}

/** The helper for `url`, or a UsageError (exit 2) naming the other modes and how to set one up. */
export async function requireSafeHelper(
	run: GitRun,
	url: string,
	options: {withLocal: boolean; platform: NodeJS.Platform},
): Promise<ConfiguredHelper> {
	const helpers = await helpersFor(run, url, options);
	const helper = safeHelper(helpers);
	if (helper !== undefined) {
		return helper;
	}

	const found =
		helpers.length === 0
			? 'no credential helper is configured'
			: `only ${helpers.map((candidate) => candidate.name).join(', ')} is configured, which keeps tokens in plain text`;
	throw new UsageError(`--auth helper needs a credential helper, but ${found}.`, {
		hint: `Set one up (${setupHint(options.platform)}), or use --auth prompt (stored nowhere) or --auth embed (plain text in .git/config).`,
	});
}

/** How to configure a helper that does not write plain text, on this OS. */
export function setupHint(platform: NodeJS.Platform): string {
	switch (platform) {
		case 'darwin': {
			return 'git config --global credential.helper osxkeychain';
		}

		case 'win32': {
			return 'git config --global credential.helper manager, from Git for Windows';
		}

		default: {
			return "git config --global credential.helper libsecret (the GNOME keyring, needs git-credential-libsecret), or 'cache --timeout 28800' (memory, 8 hours)";
		}
	}
}

/** `cache --timeout 1` → cache; `/usr/lib/git-core/git-credential-libsecret` → libsecret. */
export function helperName(value: string): string {
	if (value.startsWith('!')) {
		return 'a shell command';
	}

	const program = value.trim().split(/\s+/)[0] ?? '';
	const base = program.split(/[\\/]/).at(-1) ?? program;
	return base.replace(/^git-credential-/, '').replace(/\.exe$/i, '');
}

/** `scope\0key\nvalue\0…` as `git config --null --show-scope --get-regexp` prints it. */
function parseEntries(output: string): Array<{scope: string; key: string; value: string}> {
	const fields = output.split('\0');
	const entries: Array<{scope: string; key: string; value: string}> = [];
	for (let index = 0; index + 1 < fields.length; index += 2) {
		const record = fields[index + 1]!;
		const newline = record.indexOf('\n');
		entries.push({
			scope: fields[index]!,
			key: newline === -1 ? record : record.slice(0, newline),
			// A bare key (no `=`) means true to git; as a helper it names none.
			value: newline === -1 ? '' : record.slice(newline + 1),
		});
	}

	return entries;
}

/** `credential.helper` → ''; `credential.https://host/x.helper` → the URL; other keys → undefined. */
function urlPatternOf(key: string): string | undefined {
	if (key === 'credential.helper') {
		return '';
	}

	return key.startsWith('credential.') && key.endsWith('.helper')
		? key.slice('credential.'.length, -'.helper'.length)
		: undefined;
}
