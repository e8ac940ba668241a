/**
 * A build-time fix of string-width (Ink's text measure), one of the dependency patches
 * (patches.js). It builds its `\p{RGI_Emoji}` regular expression at import, and V8 compiles
 * that set of strings eagerly: ~15 ms of the browser's start-up before its first frame, for
 * text that has no emoji. The fix builds it on the first cluster that could be one: a non-ASCII
 * Emoji code point, or a variation selector 16 or keycap mark (the only ways ASCII's emoji
 * code points, # * and digits, become emoji). Every RGI emoji sequence holds one of those, so
 * every width stays what it was; commit hashes, dates and marks never build it.
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Ink's copy only: wrap-ansi has its own older string-width, nested in its node_modules.
const ownCopy = path.join(root, 'node_modules', 'string-width', 'index.js');
const escaped = ownCopy.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** @type {import('./patches.js').Patch} */
export const stringWidthPatch = {
	name: 'string-width lazy emoji regex',
	package: 'string-width',
	version: '8.3.0',
	source: 'source/build/string-width-fix.js',
	file: new RegExp(`^${escaped}$`),
	replacements: [
		{
			why: 'the RGI_Emoji expression is built on first need',
			from: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
			to: `const emojiCodePointRegex = /(?=[^\\x00-\\x7F])\\p{Emoji}|[\\uFE0F\\u20E3]/u;
let rgiEmojiRegex;
const isRgiEmoji = segment => emojiCodePointRegex.test(segment) && (rgiEmojiRegex ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment);`,
		},
		{
			why: 'clusters are tested through the lazy expression',
			from: 'if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
			to: 'if (isRgiEmoji(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {',
		},
	],
};
