// The ansi-tokenize patch (source/build/ansi-tokenize-fix.js), run: Ink's frames must come out
// with every cell in the style it had, whatever runs of styles a line holds.
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import {describe, expect, test} from 'vitest';

const codes = [
	'\u001B[1m',
	'\u001B[22m',
	'\u001B[2m',
	'\u001B[31m',
	'\u001B[39m',
	'\u001B[44m',
	'\u001B[49m',
	'\u001B[7m',
	'\u001B[27m',
	'\u001B[4m',
	'\u001B[24m',
	'\u001B[0m',
];
const piece = fc.oneof(fc.constantFrom(...codes), fc.constantFrom('a', 'b', ' ', '山', '…', 'xyz'));

/** Each visible cell with the set of style codes it is drawn in. */
function cells(line: string) {
	return styledCharsFromTokens(tokenize(line)).map((char) => ({
		value: char.value,
		styles: char.styles.map((style) => style.code).sort(),
	}));
}

describe('the ansi-tokenize patch, run', () => {
	test('cells of one style run share one styles array', () => {
		const chars = styledCharsFromTokens(tokenize('\u001B[31mabc\u001B[39mde'));
		expect(chars[0]!.styles).toBe(chars[2]!.styles);
		expect(chars[3]!.styles).toBe(chars[4]!.styles);
		expect(chars[2]!.styles).not.toBe(chars[3]!.styles);
	});

	test('a line comes back with every cell in its style', () => {
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 40}), (pieces) => {
				const line = pieces.join('');
				const rendered = styledCharsToString(styledCharsFromTokens(tokenize(line)));
				expect(cells(rendered)).toEqual(cells(line));
			}),
			{numRuns: 500},
		);
	});

	// Found by the property above (upstream's bug, fixed in 0.3): 22m ends bold and dim alike.
	test('a cell that keeps bold after one in bold and dim is still bold', () => {
		const line = '\u001B[1m\u001B[2ma\u001B[22m\u001B[1mb';
		const rendered = styledCharsToString(styledCharsFromTokens(tokenize(line)));
		expect(cells(rendered)).toEqual([
			{value: 'a', styles: ['\u001B[1m', '\u001B[2m']},
			{value: 'b', styles: ['\u001B[1m']},
		]);
	});

	test('adds no codes between cells of the same style', () => {
		const line = `\u001B[44m${'x'.repeat(50)}\u001B[49m${' '.repeat(50)}`;
		expect(styledCharsToString(styledCharsFromTokens(tokenize(line)))).toBe(
			`\u001B[44m${'x'.repeat(50)}\u001B[49m${' '.repeat(50)}`,
		);
	});
});
