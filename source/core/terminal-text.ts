/**
 * The one rule for outside text (commit messages, names, branch and repository names, error
 * bodies) on its way to a terminal: nothing in it may act as a command or change what the
 * reader sees. Control characters would move the cursor or recolour the screen; bidi
 * overrides and isolates reorder what is read ("Trojan Source"); other invisible format
 * characters hide text; a lone surrogate is not text at all.
 */

/** C0, DEL and C1 controls: shown as a space, as a tab or a newline in a one-line field. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controls = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Invisible format characters (Unicode category Cf: bidi marks, overrides and isolates,
 * zero-width spaces, tags…), line and paragraph separators, and lone surrogates. ZWNJ and ZWJ
 * stay: they shape Persian, Indic and emoji text and neither hide nor reorder it.
 */
const invisibles = /(?![\u200C\u200D])[\p{Cf}\u2028\u2029]|\p{Cs}/gu;

/** The replacement for an invisible character: visible, so that something hidden shows. */
const shownInvisible = '\uFFFD';

/** `text` made safe for a terminal: controls become spaces, invisible characters become �. */
export function printable(text: string): string {
	return text.replace(controls, ' ').replace(invisibles, shownInvisible);
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes controls but writes bidi and other
 * invisible characters raw; here they are escaped too (`\u202e`), so the data survives
 * unchanged for a parser and harmless on a screen.
 */
export function terminalSafeJson(value: unknown): string {
	return JSON.stringify(value).replace(invisibles, (character) =>
		// Each UTF-16 unit: a tag character (U+E0000…) is a surrogate pair, escaped as two.
		Array.from(
			{length: character.length},
			(_, index) => `\\u${character.charCodeAt(index).toString(16).padStart(4, '0')}`,
		).join(''),
	);
}
