/**
 * The pieces that keep a large object from being held twice: a delta run piece by piece
 * (source/git/pack/delta.ts) gives exactly what applying it into one buffer gives, however
 * its output is chunked; an entry inflated in chunks from the pack file (inflater.ts) gives
 * the object, and a stream that is cut, short or long fails as the whole-entry path does.
 */
import {randomBytes} from 'node:crypto';
import {deflateSync} from 'node:zlib';
import fc from 'fast-check';
import {expect, test} from 'vitest';
import {applyDelta, chunkedOutput, streamDelta} from '../../source/git/pack/delta.js';
import {Inflater} from '../../source/git/pack/inflater.js';

/** A size in git's delta encoding: 7 bits a byte, low first. */
function size(value: number): number[] {
	const bytes: number[] = [];
	do {
		bytes.push((value & 0x7f) | (value >= 0x80 ? 0x80 : 0));
		value = Math.floor(value / 128);
	} while (value > 0);
	return bytes;
}

type Op = {copy: [number, number]} | {insert: Buffer};

/** A delta program over `base`: copies of its ranges (any length up to 64 KB) and inserts. */
function encode(base: Buffer, ops: Op[]): {delta: Buffer; result: Buffer} {
	const program: number[] = [];
	const parts: Buffer[] = [];
	for (const op of ops) {
		if ('copy' in op) {
			const [offset, length] = op.copy;
			// Every offset and length byte present: the decoder's bit tests all taken.
			program.push(0xff, offset & 0xff, (offset >> 8) & 0xff, (offset >> 16) & 0xff, offset >>> 24);
			program.push(length & 0xff, (length >> 8) & 0xff, (length >> 16) & 0xff);
			parts.push(base.subarray(offset, offset + length));
		} else {
			program.push(op.insert.length, ...op.insert);
			parts.push(op.insert);
		}
	}

	const result = Buffer.concat(parts);
	return {
		delta: Buffer.from([...size(base.length), ...size(result.length), ...program]),
		result,
	};
}

const base = randomBytes(200_000);
const op: fc.Arbitrary<Op> = fc.oneof(
	fc
		.tuple(fc.nat(base.length - 1), fc.integer({min: 1, max: 0xffff}))
		.map(([offset, length]): Op => ({copy: [offset, Math.min(length, base.length - offset)]})),
	fc.uint8Array({minLength: 1, maxLength: 127}).map((bytes): Op => ({insert: Buffer.from(bytes)})),
);

test('a delta streamed in chunks gives what applying it whole gives', () => {
	fc.assert(
		fc.property(fc.array(op, {maxLength: 60}), (ops) => {
			const {delta, result} = encode(base, ops);
			expect(applyDelta(delta, base).equals(result)).toBe(true);
			const chunks: Buffer[] = [];
			// A chunk is reused once emit returns: the copy is what a hash or a file takes.
			const output = chunkedOutput((chunk) => chunks.push(Buffer.from(chunk)));
			expect(streamDelta(delta, base, output.output)).toBe(result.length);
			output.flush();
			expect(Buffer.concat(chunks).equals(result)).toBe(true);
			expect(chunks.every((chunk) => chunk.length > 0)).toBe(true);
		}),
		{numRuns: 200},
	);
});

test('a streamed delta that copies past its base is refused before writing past it', () => {
	const {delta} = encode(base, [{copy: [base.length - 10, 10]}]);
	// The copy's offset moved 5 bytes on: it would read 5 bytes beyond the base.
	delta[size(base.length).length + size(10).length + 1]! += 5;
	expect(() => streamDelta(delta, base, () => {})).toThrow(
		'A delta copies past the end of its base or result.',
	);
});

/** Reads `compressed` in chunks, as PackFile does from the pack file. */
function inflateInChunks(compressed: Buffer, declared: number): Buffer {
	return new Inflater().inflateInChunks(compressed.length, declared, (chunk, at) => {
		compressed.copy(chunk, 0, at, at + chunk.length);
		return chunk.length;
	});
}

test.each([
	['an incompressible', randomBytes(3 * 1024 * 1024 + 7)],
	['a compressible', Buffer.alloc(5 * 1024 * 1024, 'a build step wrote 0123456789 bytes\n')],
])('%s entry inflated in chunks is the object', (_name, object) => {
	expect(inflateInChunks(deflateSync(object), object.length).equals(object)).toBe(true);
});

test.each([
	[
		'cut short',
		(compressed: Buffer) => compressed.subarray(0, compressed.length / 2),
		0,
		/^A pack entry does not inflate: unexpected end of file\.$/,
	],
	[
		'longer than its header says',
		(compressed: Buffer) => compressed,
		-1,
		/^A pack entry inflates to more than 2097151 bytes, but its header says 2097151\.$/,
	],
	[
		'shorter than its header says',
		(compressed: Buffer) => compressed,
		1,
		/^A pack entry inflates to only 2097152 bytes, but its header says 2097153\.$/,
	],
])('an entry %s fails as a garbled pack', (_name, damage, sizeOff, message) => {
	const object = randomBytes(2 * 1024 * 1024);
	expect(() => inflateInChunks(damage(deflateSync(object)), object.length + sizeOff)).toThrow(
		expect.objectContaining({code: 'ParseError', message: expect.stringMatching(message)}),
	);
});
