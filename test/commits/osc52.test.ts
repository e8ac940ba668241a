import {describe, expect, it} from 'vitest';
import {copyWithOsc52, osc52Sequence} from '../../source/commits/osc52.js';

describe('OSC 52', () => {
	it('wraps the base64 of the text in ESC ] 52 ; c ; … BEL, byte for byte', () => {
		const hash = '4f1c2a9e7b4d4c1a9e2f0a6b5d4c3e21a0b1c2d3';
		const bytes = Buffer.from(osc52Sequence(hash), 'utf8');
		expect([...bytes.subarray(0, 7)]).toEqual([0x1b, 0x5d, 0x35, 0x32, 0x3b, 0x63, 0x3b]);
		expect(bytes.at(-1)).toBe(0x07);
		expect(bytes.subarray(7, -1).toString('ascii')).toBe(
			'NGYxYzJhOWU3YjRkNGMxYTllMmYwYTZiNWQ0YzNlMjFhMGIxYzJkMw==',
		);
	});

	it('encodes UTF-8 text and writes the sequence alone', () => {
		const written: string[] = [];
		copyWithOsc52({write: (chunk: string) => written.push(chunk)}, 'ünï');
		expect(written).toEqual(['\u001B]52;c;w7xuw68=\u0007']);
	});
});
