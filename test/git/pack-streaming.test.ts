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
const reading = (compressed: Buffer) => (chunk: Buffer, at: number) => {
	compressed.copy(chunk, 0, at, at + chunk.length);
	return chunk.length;
};

function inflateInChunks(compressed: Buffer, declared: number): Buffer {
	return new Inflater().inflateInChunks(compressed.length, declared, reading(compressed));
}

/** inflateTo's pieces, copied as a checkout writes them to its file. */
function inflateTo(compressed: Buffer, declared: number): Buffer {
	const pieces: Buffer[] = [];
	new Inflater().inflateTo(compressed.length, declared, reading(compressed), (piece) => {
		pieces.push(Buffer.from(piece));
	});
	return Buffer.concat(pieces);
}

const ways = [
	['into one buffer', inflateInChunks],
	['piece by piece', inflateTo],
] as const;

const objects = [
	['an incompressible', randomBytes(3 * 1024 * 1024 + 7)],
	['a compressible', Buffer.alloc(5 * 1024 * 1024, 'a build step wrote 0123456789 bytes\n')],
	['an empty', Buffer.alloc(0)],
] as const;

test.each(
	ways.flatMap(([way, inflate]) =>
		objects.map(([name, object]) => [name, way, inflate, object] as const),
	),
)('%s entry inflated in chunks %s is the object', (_name, _way, inflate, object) => {
	expect(inflate(deflateSync(object), object.length).equals(object)).toBe(true);
});

test('piece by piece gives the object whatever its size and how well it compresses', () => {
	// Sizes around the 128 kB pieces and 64 kB reads, where a piece fills exactly.
	const sizes = fc.oneof(
		fc.integer({min: 0, max: 400_000}),
		fc.constantFrom(65_536, 131_072, 131_071, 131_073, 262_144, 393_216),
	);
	fc.assert(
		fc.property(sizes, fc.integer({min: 0, max: 3}), (length, repeat) => {
			const object = Buffer.alloc(length);
			const random = randomBytes(Math.min(length, 1 << (8 + repeat * 4)));
			for (let at = 0; at < length; at += random.length) random.copy(object, at);
			expect(inflateTo(deflateSync(object), length).equals(object)).toBe(true);
		}),
		{numRuns: 60},
	);
});

test('piece by piece, every piece is a view into one reused buffer', () => {
	const object = randomBytes(1024 * 1024);
	const compressed = deflateSync(object);
	const buffers = new Set<ArrayBufferLike>();
	let pieces = 0;
	new Inflater().inflateTo(compressed.length, object.length, reading(compressed), (piece) => {
		buffers.add(piece.buffer);
		pieces++;
	});
	expect(pieces).toBeGreaterThan(4);
	expect(buffers.size).toBe(1);
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
])(
	'an entry %s fails as a garbled pack, inflated either way',
	(_name, damage, sizeOff, message) => {
		const object = randomBytes(2 * 1024 * 1024);
		for (const [, inflate] of ways) {
			expect(() => inflate(damage(deflateSync(object)), object.length + sizeOff)).toThrow(
				expect.objectContaining({code: 'ParseError', message: expect.stringMatching(message)}),
			);
		}
	},
);
