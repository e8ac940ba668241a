/**
 * The config as text plus the sections read from it, and the edits fix-remote and the
 * identity writer make: each rewrites only the value of the entry it targets, or inserts
 * one line after the last entry of a section, so everything else stays byte for byte.
 */
import {parseSections} from './sections.js';
import {type ConfigEntry, type Section, type SectionName, sameSection} from './types.js';

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
