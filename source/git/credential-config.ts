/**
 * The lines `--auth helper` writes into a clone's `.git/config`, and reads back: as `gh auth
 * setup-git` does, the repository URL's helper list is first emptied, then given the one
 * chosen helper, so no `store` configured elsewhere ever receives the token; and
 * `useHttpPath` for the git host keeps the tokens of different repositories apart.
 *
 *   [credential "https://bitbucket.org"]
 *   	useHttpPath = true
 *   [credential "https://bitbucket.org/ws/repo.git"]
 *   	helper =
 *   	helper = osxkeychain
 *
 * Edits go through ConfigFile, so every other byte of the file stays and fix-remote's preview
 * shows exactly these lines.
 */
import {
	type ConfigEntry,
	ConfigFile,
	encodeValue,
	formatHeader,
	type SectionName,
} from './config-file.js';
import {credentialBase, credentialKeyUrl} from './credential-url.js';

export function scopeHelper(
	config: ConfigFile,
	options: {gitUrl: string; repositoryUrl: string; helper: string},
): ConfigFile {
	const host = {section: 'credential', subsection: credentialBase(options.gitUrl)};
	const scoped = {section: 'credential', subsection: credentialKeyUrl(options.repositoryUrl)};
	let edited =
		config.get(host, 'useHttpPath') === 'true' ? config : config.set(host, 'useHttpPath', 'true');
	const [first, ...rest] = edited.entriesOf(scoped, 'helper');
	edited = removeEntries(edited, rest);
	edited =
		first === undefined ? appendEntry(edited, scoped, 'helper', '') : edited.replace(first, '');
	return appendEntry(edited, scoped, 'helper', options.helper);
}

/**
 * Takes out the helper list scoped to the repository URL, and its section header when nothing
 * else is left in it (`useHttpPath` stays: other clones on the host may rely on it).
 */
export function unscopeHelper(config: ConfigFile, repositoryUrl: string): ConfigFile {
	const scoped = {section: 'credential', subsection: credentialKeyUrl(repositoryUrl)};
	const removed = removeEntries(config, config.entriesOf(scoped, 'helper'));
	if (removed.entries().some((entry) => sameSection(entry, scoped))) {
		return removed;
	}

	const header = `${formatHeader(scoped)}${removed.lineEnding}`;
	const at = removed.text.indexOf(header);
	const startsLine = at === 0 || removed.text[at - 1] === '\n';
	return at === -1 || !startsLine
		? removed
		: ConfigFile.parse(removed.text.slice(0, at) + removed.text.slice(at + header.length));
}

/** The helper this clone scopes to `repositoryUrl` (after an emptying `helper =`), if any. */
export function scopedHelperOf(config: ConfigFile, repositoryUrl: string): string | undefined {
	const values = config
		.entriesOf({section: 'credential', subsection: credentialKeyUrl(repositoryUrl)}, 'helper')
		.map((entry) => entry.value ?? '');
	const cleared = values.lastIndexOf('');
	return cleared === -1 ? undefined : values.slice(cleared + 1).find((value) => value !== '');
}

/** Adds a line after the section's last entry (a multi-valued key keeps its earlier values), or a new section at the end. */
function appendEntry(
	config: ConfigFile,
	name: SectionName,
	key: string,
	value: string,
): ConfigFile {
	const {text} = config;
	const eol = config.lineEnding;
	const last = config
		.entries()
		.filter((entry) => sameSection(entry, name))
		.at(-1);
	const line = `${key} = ${encodeValue(value)}`.trimEnd();
	if (last !== undefined) {
		const indent = /^[ \t]+$/.test(text.slice(last.lineStart, last.keyStart))
			? text.slice(last.lineStart, last.keyStart)
			: '\t';
		return ConfigFile.parse(
			splice(text, last.end, `${ending(text, last.end, eol)}${indent}${line}${eol}`),
		);
	}

	return ConfigFile.parse(
		splice(
			text,
			text.length,
			`${ending(text, text.length, eol)}${formatHeader(name)}${eol}\t${line}${eol}`,
		),
	);
}

/** Removes whole lines, last first so earlier offsets stay right. */
function removeEntries(config: ConfigFile, entries: readonly ConfigEntry[]): ConfigFile {
	let {text} = config;
	for (const entry of [...entries].sort((a, b) => b.lineStart - a.lineStart)) {
		text = text.slice(0, entry.lineStart) + text.slice(entry.end);
	}

	return entries.length === 0 ? config : ConfigFile.parse(text);
}

function sameSection(a: SectionName, b: SectionName): boolean {
	return a.section.toLowerCase() === b.section.toLowerCase() && a.subsection === b.subsection;
}

function splice(text: string, at: number, insert: string): string {
	return text.slice(0, at) + insert + text.slice(at);
}

function ending(text: string, at: number, eol: string): string {
	return at > 0 && text[at - 1] !== '\n' ? eol : '';
}
