import {describe, expect, test} from 'vitest';
import {printable, terminalSafeJson} from '../../source/core/terminal-text.js';

describe('printable', () => {
	test('control characters (C0, DEL, C1) become spaces', () => {
		expect(printable('a\u001B[31mb\rc\u007Fd\u009Be')).toBe('a [31mb c d e');
	});

	test.each([
		['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
		['LEFT-TO-RIGHT EMBEDDING', '\u202A'],
		['RIGHT-TO-LEFT ISOLATE', '\u2067'],
		['POP DIRECTIONAL ISOLATE', '\u2069'],
		['RIGHT-TO-LEFT MARK', '\u200F'],
		['ARABIC LETTER MARK', '\u061C'],
		['ZERO WIDTH SPACE', '\u200B'],
		['ZERO WIDTH NO-BREAK SPACE (BOM)', '\uFEFF'],
		['LINE SEPARATOR', '\u2028'],
		['TAG LATIN CAPITAL LETTER A', '\u{E0041}'],
		['a lone high surrogate', '\uD800'],
		['a lone low surrogate', '\uDC00'],
	])('%s is shown as a replacement character', (_name, character) => {
		expect(printable(`x${character}y`)).toBe('x\uFFFDy');
	});

	test('text that only looks exotic is kept: accents, CJK, emoji with joiners, Persian ZWNJ', () => {
		const text = 'Zoë · 漢字 · 👩‍💻 · می‌خواهم · 🇫🇷';
		expect(printable(text)).toBe(text);
	});

	test('a Trojan Source line reads in storage order', () => {
		// "access granted" hidden behind an override would display reversed.
		const shown = printable('if (isAdmin) {\u202E } \u2066// check later\u2069 {\u202C');
		expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
	});
});

describe('terminalSafeJson', () => {
	test('escapes invisible characters so the parsed value is unchanged', () => {
		const value = {message: 'fix \u202Eevil\u202C and \u{E0041} and \u200B', name: 'Zoë 👩‍💻'};
		const json = terminalSafeJson(value);
		expect(json).not.toMatch(/[\u202A-\u202E\u200B\u{E0041}]/u);
		expect(json).toContain('\\u202e');
		expect(json).toContain('\\udb40\\udc41');
		expect(JSON.parse(json)).toEqual(value);
	});

	test('control characters stay escaped as JSON.stringify escapes them', () => {
		expect(terminalSafeJson({a: '\u001B[2J'})).toBe('{"a":"\\u001b[2J"}');
	});
});
