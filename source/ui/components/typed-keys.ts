/**
 * Ink hands keys typed faster than it reads stdin (a held Backspace on a busy machine, fast
 * typing over SSH, a paste) to `useInput` as one chunk, flagged as no key at all: `\x7f\x7fx`
 * arrives as the text "\x7f\x7fx". The text inputs replay such a chunk key by key with this.
 */

export type TypedKey =
	| {readonly kind: 'text'; readonly text: string}
	| {readonly kind: 'backspace'}
	| {readonly kind: 'clear'}
	| {readonly kind: 'return'};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is split out
const keyPattern = /\r\n|[\r\n\b\u007F\u0015]|[\u0000-\u001F\u0080-\u009F]/g;

const controlKeys: Record<string, TypedKey> = {
	'\r\n': {kind: 'return'},
	'\r': {kind: 'return'},
	'\n': {kind: 'return'},
	'\b': {kind: 'backspace'},
	'\u007F': {kind: 'backspace'},
	'\u0015': {kind: 'clear'},
};

/** The keys of one chunk in order: runs of printable text, Backspace, Ctrl+U and Enter; other control characters are dropped. */
export function typedKeys(chunk: string): TypedKey[] {
	const result: TypedKey[] = [];
	let start = 0;
	for (const match of chunk.matchAll(keyPattern)) {
		if (match.index > start) {
			result.push({kind: 'text', text: chunk.slice(start, match.index)});
		}

		const key = controlKeys[match[0]];
		if (key) {
			result.push(key);
		}

		start = match.index + match[0].length;
	}

	if (start < chunk.length) {
		result.push({kind: 'text', text: chunk.slice(start)});
	}

	return result;
}
