import fc from 'fast-check';
import {describe, expect, test} from 'vitest';
import {typedKeys} from '../../../source/ui/components/typed-keys.js';

describe('typedKeys', () => {
	test('splits a chunk into text runs and the keys between them', () => {
		expect(typedKeys('\u007F\u007Fx')).toEqual([
			{kind: 'backspace'},
			{kind: 'backspace'},
			{kind: 'text', text: 'x'},
		]);
		expect(typedKeys('acme/\bwidget\r\nrest')).toEqual([
			{kind: 'text', text: 'acme/'},
			{kind: 'backspace'},
			{kind: 'text', text: 'widget'},
			{kind: 'return'},
			{kind: 'text', text: 'rest'},
		]);
		expect(typedKeys('\u0015ab\u0007\tc\n')).toEqual([
			{kind: 'clear'},
			{kind: 'text', text: 'ab'},
			{kind: 'text', text: 'c'},
			{kind: 'return'},
		]);
		expect(typedKeys('')).toEqual([]);
	});

	test('text runs hold every printable character, in order, and never a control character', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary'}), (chunk) => {
				const keys = typedKeys(chunk);
				const text = keys.map((key) => (key.kind === 'text' ? key.text : '')).join('');
				// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters a terminal cannot print
				const printable = chunk.replace(/[\u0000-\u001F\u0080-\u009F]/g, '');
				expect(text).toBe(printable.replace(/\u007F/g, ''));
				for (const key of keys) {
					expect(key.kind !== 'text' || key.text !== '').toBe(true);
				}
			}),
		);
	});
});
