/**
 * A line-level reader and editor for git's config format (`.git/config`). An edit rewrites
 * only the value of the entry it targets, or inserts one line after the last entry of a
 * section, so comments (`#`, `;`, trailing ones too), blank lines, indentation, includes,
 * key order and CRLF line endings survive byte for byte. isomorphic-git's writer cannot
 * promise that, and fix-remote's users must be able to trust a diff of their config.
 *
 * The parser follows git's own (config.c): section names and keys are case-insensitive,
 * quoted subsections are case-sensitive, values may be quoted, escaped and continued with
 * a trailing backslash.
 */
import {open, readFile, realpath, rename, rm, stat} from 'node:fs/promises';
import {BbtokError, UsageError} from '../core/errors.js';

/** Where a section's entries live: `remote "origin"` is {section: 'remote', subsection: 'origin'}. */
export type SectionName = {readonly section: string; readonly subsection?: string | undefined};

export type ConfigEntry = SectionName & {
	/** Lowercased, as git compares keys. */
	readonly key: string;
	/** Decoded value; undefined for a bare key (git reads it as true). */
	readonly value: string | undefined;
	/** 1-based line of the key. */
	readonly line: number;
	/** Offsets into the text: the key, the raw value (quotes included), the end of its last line. */
	readonly keyStart: number;
	readonly keyEnd: number;
	readonly valueStart: number;
	readonly valueEnd: number;
	readonly hasEquals: boolean;
	/** Start of the line the key is on, and the offset after that entry's line terminator. */
	readonly lineStart: number;
	readonly end: number;
};

type Section = SectionName & {
	/** Offset after the header line's terminator (or the text's end). */
	readonly headerEnd: number;
	readonly entries: ConfigEntry[];
};

export class ConfigFile {
	/** Parses `text`; throws a UsageError naming the line git would also reject (in `source`, for the message). */
	static parse(text: string, source = 'git config'): ConfigFile {
		return new ConfigFile(text, parseSections(text, source));
	}

	readonly text: string;
	readonly #sections: readonly Section[];

	private constructor(text: string, sections: readonly Section[]) {
		this.text = text;
		this.#sections = sections;
	}

	/** Every entry in file order. */
	entries(): ConfigEntry[] {
		return this.#sections.flatMap((section) => section.entries);
	}

	/** Entries of `key` in every block of the section, in file order. */
	entriesOf(name: SectionName, key: string): ConfigEntry[] {
		const wanted = key.toLowerCase();
		return this.#sections
			.filter((section) => sameSection(section, name))
			.flatMap((section) => section.entries.filter((entry) => entry.key === wanted));
	}

	/** The value git uses for a single-valued key: the last one. */
	get(name: SectionName, key: string): string | undefined {
		return this.entriesOf(name, key).at(-1)?.value;
	}

	/** The line ending new lines get: CRLF when most lines of the file use it. */
	get lineEnding(): '\n' | '\r\n' {
		const crlf = this.text.split('\r\n').length - 1;
		const lf = this.text.split('\n').length - 1 - crlf;
		return crlf > lf ? '\r\n' : '\n';
	}

	/** Rewrites the value of one entry in place; the rest of its line (a trailing comment) stays. */
	replace(entry: ConfigEntry, value: string): ConfigFile {
		const encoded = encodeValue(value);
		const edited = entry.hasEquals
			? splice(this.text, entry.valueStart, entry.valueEnd, encoded)
			: splice(this.text, entry.keyEnd, entry.keyEnd, ` = ${encoded}`);
		return ConfigFile.parse(edited);
	}

	/**
	 * Sets a single-valued key as `git config` does: replaces its last entry, or adds a line
	 * after the last entry of the section's last block, or appends a new section at the end.
	 */
	set(name: SectionName, key: string, value: string): ConfigFile {
		const existing = this.entriesOf(name, key).at(-1);
		if (existing) {
			return this.replace(existing, value);
		}

		const eol = this.lineEnding;
		const block = this.#sections.findLast((section) => sameSection(section, name));
		if (block) {
			const last = block.entries.at(-1);
			const at = last?.end ?? block.headerEnd;
			const indent = last ? indentationOf(this.text, last) : '\t';
			const line = `${indent}${key} = ${encodeValue(value)}${eol}`;
			return ConfigFile.parse(splice(this.text, at, at, terminated(this.text, at, eol) + line));
		}

		const at = this.text.length;
		const lines = `${formatHeader(name)}${eol}\t${key} = ${encodeValue(value)}${eol}`;
		return ConfigFile.parse(splice(this.text, at, at, terminated(this.text, at, eol) + lines));
	}
}

/** `[remote "origin"]`, escaping what git escapes in a subsection. */
export function formatHeader(name: SectionName): string {
	if (name.subsection === undefined) {
		return `[${name.section}]`;
	}

	return `[${name.section} "${name.subsection.replaceAll(/["\\]/g, '\\$&')}"]`;
}

/** A value as git writes it: quoted when whitespace at an end or a comment character would change it. */
export function encodeValue(value: string): string {
	const escaped = value.replaceAll(
		/[\\"\n\t]/g,
		(c) => ({'\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t'})[c]!,
	);
	const needsQuotes = /^[ \t]|[ \t]$|[#;]/.test(value);
	return needsQuotes ? `"${escaped}"` : escaped;
}

export type ConfigSnapshot = {readonly path: string; readonly text: string; readonly mode: number};

/** Reads a config file as text, with the mode a rewrite must keep. Follows a symlinked config to its target. */
export async function readConfigFile(configPath: string): Promise<ConfigSnapshot> {
	const target = await realpath(configPath).catch(() => configPath);
	try {
		const [text, info] = await Promise.all([readFile(target, 'utf8'), stat(target)]);
		return {path: target, text, mode: info.mode & 0o7777};
	} catch (error) {
		throw new BbtokError(`Cannot read ${configPath}.`, {
			hint: 'Check that the file exists and is readable.',
			cause: error,
		});
	}
}

/**
 * Replaces the config with `text` atomically, the way git does: the new content goes to
 * `config.lock` (created exclusively, so a concurrent git command and this one cannot both
 * write), keeps the old file's mode, is flushed, then renamed over the original. Refuses
 * when the file changed since `snapshot` was read, rather than lose someone else's edit.
 */
export async function writeConfigFile(snapshot: ConfigSnapshot, text: string): Promise<void> {
	const lockPath = `${snapshot.path}.lock`;
	let lock: Awaited<ReturnType<typeof open>>;
	try {
		lock = await open(lockPath, 'wx', snapshot.mode);
	} catch (error) {
		const busy = (error as NodeJS.ErrnoException).code === 'EEXIST';
		throw new BbtokError(
			busy
				? `${lockPath} exists: another git command is editing this config.`
				: `Cannot write next to ${snapshot.path}.`,
			{
				hint: busy
					? 'Wait for it to finish; if no git command is running, remove the .lock file and retry.'
					: 'Check the folder permissions of the repository.',
				cause: error,
			},
		);
	}

	let renamed = false;
	try {
		const current = await readFile(snapshot.path, 'utf8');
		if (current !== snapshot.text) {
			throw new BbtokError(
				`${snapshot.path} changed while fix-remote was running; nothing was written.`,
				{
					hint: 'Run fix-remote again to see the current content.',
				},
			);
		}

		await lock.writeFile(text, 'utf8');
		// The umask may have narrowed the mode given to open().
		await lock.chmod(snapshot.mode);
		await lock.sync();
		await lock.close();
		await rename(lockPath, snapshot.path);
		renamed = true;
	} finally {
		if (!renamed) {
			await lock.close().catch(() => undefined);
			await rm(lockPath, {force: true});
		}
	}
}

function sameSection(a: SectionName, b: SectionName): boolean {
	return a.section.toLowerCase() === b.section.toLowerCase() && a.subsection === b.subsection;
}

function splice(text: string, start: number, end: number, insert: string): string {
	return text.slice(0, start) + insert + text.slice(end);
}

/** The line ending to add before inserting at `at` when the line there is unterminated (no final newline). */
function terminated(text: string, at: number, eol: string): string {
	return at > 0 && text[at - 1] !== '\n' ? eol : '';
}

function indentationOf(text: string, entry: ConfigEntry): string {
	const before = text.slice(entry.lineStart, entry.keyStart);
	return /^[ \t]+$/.test(before) ? before : '\t';
}

function newlineAt(text: string, index: number): number {
	if (text[index] === '\n') {
		return 1;
	}

	return text[index] === '\r' && text[index + 1] === '\n' ? 2 : 0;
}

/** Git's config grammar, keeping the offsets an in-place edit needs. */
function parseSections(text: string, source: string): Section[] {
	const sections: Section[] = [];
	let current: Section | undefined;
	let index = text.startsWith('\uFEFF') ? 1 : 0;
	let line = 1;
	let lineStart = index;

	const fail = (what: string): never => {
		throw new UsageError(`Cannot parse ${source}, line ${line}: ${what}.`, {
			hint: 'Fix it by hand (git itself would refuse this file), then run fix-remote again.',
		});
	};

	const skipToLineEnd = () => {
		while (index < text.length && newlineAt(text, index) === 0) {
			index++;
		}
	};

	const lineEndAfter = () => {
		skipToLineEnd();
		return index + newlineAt(text, index);
	};

	while (index < text.length) {
		const newline = newlineAt(text, index);
		if (newline > 0) {
			index += newline;
			line++;
			lineStart = index;
			continue;
		}

		const char = text[index]!;
		if (char === ' ' || char === '\t') {
			index++;
		} else if (char === '#' || char === ';') {
			skipToLineEnd();
		} else if (char === '[') {
			const header = parseHeader();
			const keyOnHeaderLine = findKeyOnLine();
			current = {...header, headerEnd: keyOnHeaderLine ? index : lineEndAfter(), entries: []};
			sections.push(current);
		} else if (/[A-Za-z]/.test(char)) {
			if (!current) {
				fail('a key before any [section]');
			}

			current!.entries.push(parseEntry(current!));
		} else {
			fail(`unexpected "${char}"`);
		}
	}

	return sections;

	/** After a header, git accepts `key = value` on the same line. */
	function findKeyOnLine(): boolean {
		let probe = index;
		while (text[probe] === ' ' || text[probe] === '\t') {
			probe++;
		}

		return /[A-Za-z]/.test(text[probe] ?? '');
	}

	function parseHeader(): SectionName {
		index++;
		const nameStart = index;
		while (index < text.length && /[A-Za-z0-9.-]/.test(text[index]!)) {
			index++;
		}

		const name = text.slice(nameStart, index).toLowerCase();
		if (name === '') {
			fail('an empty section name');
		}

		if (text[index] === ']') {
			index++;
			const dot = name.indexOf('.');
			// The deprecated `[section.subsection]` form: git lowercases the subsection too.
			return dot === -1
				? {section: name}
				: {section: name.slice(0, dot), subsection: name.slice(dot + 1)};
		}

		while (text[index] === ' ' || text[index] === '\t') {
			index++;
		}

		if (text[index] !== '"' || name.includes('.')) {
			fail('a malformed section header');
		}

		index++;
		let subsection = '';
		while (text[index] !== '"') {
			if (index >= text.length || newlineAt(text, index) > 0) {
				fail('an unterminated subsection name');
			}

			if (text[index] === '\\') {
				index++;
				if (index >= text.length || newlineAt(text, index) > 0) {
					fail('an unterminated subsection name');
				}
			}

			subsection += text[index];
			index++;
		}

		index++;
		if (text[index] !== ']') {
			fail('a malformed section header');
		}

		index++;
		return {section: name, subsection};
	}

	function parseEntry(section: Section): ConfigEntry {
		const entryLine = line;
		const entryLineStart = lineStart;
		const keyStart = index;
		while (index < text.length && /[A-Za-z0-9-]/.test(text[index]!)) {
			index++;
		}

		const keyEnd = index;
		while (text[index] === ' ' || text[index] === '\t') {
			index++;
		}

		const base = {
			section: section.section,
			subsection: section.subsection,
			key: text.slice(keyStart, keyEnd).toLowerCase(),
			line: entryLine,
			keyStart,
			keyEnd,
			lineStart: entryLineStart,
		};
		const next = text[index];
		if (index >= text.length || newlineAt(text, index) > 0 || next === '#' || next === ';') {
			return {
				...base,
				value: undefined,
				valueStart: keyEnd,
				valueEnd: keyEnd,
				hasEquals: false,
				end: lineEndAfter(),
			};
		}

		if (next !== '=') {
			fail(`"${base.key}" is not followed by "="`);
		}

		index++;
		while (text[index] === ' ' || text[index] === '\t') {
			index++;
		}

		const valueStart = index;
		const {value, valueEnd} = parseValue();
		return {...base, value, valueStart, valueEnd, hasEquals: true, end: lineEndAfter()};
	}

	function parseValue(): {value: string; valueEnd: number} {
		let value = '';
		let pendingSpace = '';
		let quoted = false;
		let valueEnd = index;
		const escapes: Record<string, string> = {n: '\n', t: '\t', b: '\b', '"': '"', '\\': '\\'};
		while (index < text.length) {
			if (newlineAt(text, index) > 0) {
				if (quoted) {
					fail('a quoted value that runs past the end of the line');
				}

				break;
			}

			const char = text[index]!;
			if (!quoted && (char === '#' || char === ';')) {
				break;
			}

			if (char === '\\') {
				const continuation = newlineAt(text, index + 1);
				if (continuation > 0) {
					index += 1 + continuation;
					line++;
					lineStart = index;
					continue;
				}

				const escaped = escapes[text[index + 1] ?? ''];
				if (escaped === undefined) {
					fail('an unknown escape in a value');
				}

				value += pendingSpace + escaped;
				pendingSpace = '';
				index += 2;
				valueEnd = index;
				continue;
			}

			if (char === '"') {
				quoted = !quoted;
				index++;
				valueEnd = index;
				continue;
			}

			if (!quoted && (char === ' ' || char === '\t')) {
				// Git drops whitespace at either end and keeps one space per inner whitespace character.
				if (value !== '') {
					pendingSpace += ' ';
				}

				index++;
				continue;
			}

			value += pendingSpace + char;
			pendingSpace = '';
			index++;
			valueEnd = index;
		}

		if (quoted) {
			fail('an unterminated quoted value');
		}

		return {value, valueEnd};
	}
}
