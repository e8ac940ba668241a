/**
 * A build-time fix of Ink's text wrapping, one of the dependency patches (patches.js) that
 * the bundle, the benchmarks and the tests all apply, so what is tested is what ships.
 *
 * Ink wraps `<Text>` with wrap-ansi's `trim: false` (to keep intentional indentation), and
 * wrap-ansi then moves the space at a break that falls exactly on the width to the start of
 * the next row, or into a row of its own: "… access\n token)" instead of "… access\ntoken)".
 * The fix wraps each line of the text on its own and drops that one space (and a row left
 * empty by it) from the rows the wrapping made, leaving the indentation of the text's own
 * lines alone.
 */

const from = `        wrappedText = wrapAnsi(text, maxWidth, {
            trim: false,
            hard: true,
        });`;

// A row made by the wrapping starts after a \n inside one line's output, maybe behind SGR
// codes: a row holding only the break's space goes, then a row's leading break space.
const to = `        wrappedText = text
            .split('\\n')
            .map(line => wrapAnsi(line, maxWidth, { trim: false, hard: true })
                .replace(/\\n((?:\\u001B\\[[\\d;]*m)*) (?=(?:\\u001B\\[[\\d;]*m)*(?:\\n|$))/g, '$1')
                .replace(/\\n((?:\\u001B\\[[\\d;]*m)*) /g, '\\n$1'))
            .join('\\n');`;

/** @type {import('./patches.js').Patch} */
export const inkWrapPatch = {
	name: 'Ink wrap fix',
	package: 'ink',
	version: '6.8.0',
	source: 'source/build/ink-wrap-fix.js',
	file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/,
	replacements: [{why: 'no break space at the start of a wrapped row', from, to}],
};
