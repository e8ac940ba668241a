/** The shapes the config reader produces and the editor consumes. */

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

/** One `[section]` block as it appears in the file (a section may have several). */
export type Section = SectionName & {
	/** Offset after the header line's terminator (or the text's end). */
	readonly headerEnd: number;
	readonly entries: ConfigEntry[];
};

export function sameSection(a: SectionName, b: SectionName): boolean {
	return a.section.toLowerCase() === b.section.toLowerCase() && a.subsection === b.subsection;
}
