/**
 * A build-time fix of Ink's text wrapping, applied by the bundle (esbuild.config.js), the
 * benchmarks and the tests (a Node module hook, test/helpers/ink-wrap-hook.js), so what is
 * tested is what ships.
 *
 * Ink wraps `<Text>` with wrap-ansi's `trim: false` (to keep intentional indentation), and
 * wrap-ansi then moves the space at a break that falls exactly on the width to the start of
 * the next row, or into a row of its own: "… access\n token)" instead of "… access\ntoken)".
 * The fix wraps each line of the text on its own and drops that one space (and a row left
 * empty by it) from the rows the wrapping made, leaving the indentation of the text's own
 * lines alone. The replaced text must occur exactly once, so an Ink release that changes
 * this code fails the build instead of shipping unfixed.
 */

/** Ink version the replacement was written against. */
export const patchedVersion = '6.8.0';

export const moduleFilter = /[\\/]ink[\\/]build[\\/]wrap-text\.js$/;

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

/** @param {string} source Ink's build/wrap-text.js */
export function fixInkWrap(source) {
	const first = source.indexOf(from);
	if (first < 0 || source.indexOf(from, first + from.length) >= 0) {
		throw new Error(
			`Ink wrap fix no longer applies: its text occurs ${first < 0 ? 'nowhere' : 'more than once'}. ` +
				`It was written for ink ${patchedVersion}; update source/build/ink-wrap-fix.js.`,
		);
	}

	return source.slice(0, first) + to + source.slice(first + from.length);
}

/**
 * esbuild plugin.
 * @returns {import('esbuild').Plugin}
 */
export function inkWrapFix() {
	return {
		name: 'ink-wrap-fix',
		setup(build) {
			build.onLoad({filter: moduleFilter}, async ({path}) => {
				const {readFile} = await import('node:fs/promises');
				return {contents: fixInkWrap(await readFile(path, 'utf8')), loader: 'js'};
			});
		},
	};
}
