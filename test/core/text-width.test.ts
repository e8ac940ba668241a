import {describe, expect, it} from 'vitest';
import {cutStartToWidth, cutToWidth, padding, stringWidth} from '../../source/core/text-width.js';

describe('cutToWidth', () => {
	it('keeps text that fits', () => {
		expect(cutToWidth('Ada Lovelace', 12)).toBe('Ada Lovelace');
	});

	it('cuts to the width with an ellipsis in the last column', () => {
		expect(cutToWidth('Ada Lovelace', 8)).toBe('Ada Lov…');
	});

	it('counts wide characters as two columns and never splits one', () => {
		const cut = cutToWidth('山田太郎さん', 6);
		expect(cut).toBe('山田…');
		expect(stringWidth(cut)).toBeLessThanOrEqual(6);
	});

	it('keeps a grapheme with its combining marks', () => {
		expect(cutToWidth('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
	});
});

describe('padding', () => {
	it('fills out to the width in columns', () => {
		expect(padding('山田', 6)).toBe('  ');
		expect(padding('toolong', 3)).toBe('');
	});
});

describe('cutStartToWidth', () => {
	it('keeps text that fits, and the end of text that does not', () => {
		expect(cutStartToWidth('src/widget', 10)).toBe('src/widget');
		expect(cutStartToWidth('src/widget', 7)).toBe('…widget');
	});

	it('counts wide characters as two columns and never splits one', () => {
		const cut = cutStartToWidth('プロジェクト/ウィジェット', 8);
		expect(cut).toBe('…ェット');
		expect(stringWidth(cut)).toBeLessThanOrEqual(8);
	});
});
