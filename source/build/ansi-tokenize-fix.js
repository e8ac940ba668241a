/**
 * A build-time fix of @alcalzone/ansi-tokenize, which Ink uses to turn each frame's grid of
 * styled cells back into a string, one of the dependency patches (patches.js). For every
 * cell it built three Sets to diff the cell's styles against the previous cell's, though on
 * a screen of text nearly every cell has the styles of the one before: on the commit
 * browser's 120×40 screen that was ~5,000 diffs per frame, most of Ink's output time. The
 * fix lets the cells of one style run share one styles array (nothing mutates it: a style
 * change makes a new one) and skips the diff when a cell's styles are the previous cell's or
 * both are plain, which the diff would have answered with nothing.
 *
 * A second fix backports 0.3's diff of intensities: 22m ends bold and dim alike, so going
 * from bold and dim to bold alone wrote 22m and lost the bold (0.3 needs a later Ink).
 */

/** @type {import('./patches.js').Patch} */
export const ansiTokenizePatch = {
	name: 'ansi-tokenize style runs',
	package: '@alcalzone/ansi-tokenize',
	version: '0.2.5',
	source: 'source/build/ansi-tokenize-fix.js',
	file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
	replacements: [
		{
			why: 'the cells of one style run share its styles array',
			from: `            ret.push({
                ...token,
                styles: [...codes],
            });`,
			to: `            ret.push({
                ...token,
                styles: codes,
            });`,
		},
		{
			why: 'no diff between cells of the same styles, or of none',
			from: `            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));`,
			to: `            const previous = chars[i - 1].styles;
            if (previous !== char.styles && (previous.length > 0 || char.styles.length > 0)) {
                ret += ansiCodesToString(diffAnsiCodes(previous, char.styles));
            }`,
		},
	],
};

/** @type {import('./patches.js').Patch} */
export const ansiTokenizeIntensityPatch = {
	name: 'ansi-tokenize intensity diff',
	package: '@alcalzone/ansi-tokenize',
	version: '0.2.5',
	source: 'source/build/ansi-tokenize-fix.js',
	file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]diff\.js$/,
	replacements: [
		{
			why: 'an intensity that stays is written again after the 22m that ended another',
			from: `    return [
        // Ignore all styles in \`from\` that are not overwritten or removed by \`to\`
        // Disable all styles in \`from\` that are removed in \`to\`
        ...undoAnsiCodes(from.filter((code) => {`,
			to: `    const stylesToUndo = from.filter((code) => {`,
		},
		{
			why: 'an intensity that stays is written again after the 22m that ended another',
			from: `            return !endCodesInTo.has(code.endCode);
        })),
        // Add all styles in \`to\` that don't exist in \`from\`
        ...to.filter((code) => !startCodesInFrom.has(code.code)),
    ];`,
			to: `            return !endCodesInTo.has(code.endCode);
        });
    const undoesIntensity = stylesToUndo.some(isIntensityCode);
    return [
        ...undoAnsiCodes(stylesToUndo),
        ...to.filter((code) => !startCodesInFrom.has(code.code) || (undoesIntensity && isIntensityCode(code))),
    ];`,
		},
	],
};
