/**
 * The `corruptPackAt` fault: flips one byte of the pack inside a git-upload-pack response,
 * counting only the pack's own bytes (side-band 1 data), so the damage lands in the pack
 * whatever progress messages the server interleaves and the pkt-line framing stays valid.
 */
import {Transform, type TransformCallback} from 'node:stream';

export class CorruptPackAt extends Transform {
	/** Bytes of the response not parsed yet (a pkt-line may span chunks). */
	private pending = Buffer.alloc(0);
	private packBytes = 0;

	constructor(private readonly at: number) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		this.pending = Buffer.concat([this.pending, chunk]);
		let done = 0;
		while (this.pending.length - done >= 4) {
			const length = Number.parseInt(this.pending.toString('latin1', done, done + 4), 16);
			if (Number.isNaN(length)) {
				// Not pkt-lines (an error page): passed on as it is.
				done = this.pending.length;
				break;
			}

			const size = Math.max(length, 4);
			if (this.pending.length - done < size) break;
			if (size > 5 && this.pending[done + 4] === 1) this.corrupt(this.pending, done + 5, size - 5);
			done += size;
		}

		this.push(this.pending.subarray(0, done));
		this.pending = this.pending.subarray(done);
		callback();
	}

	override _flush(callback: TransformCallback): void {
		callback(null, this.pending);
	}

	private corrupt(line: Buffer, start: number, length: number): void {
		const index = this.at - this.packBytes;
		if (index >= 0 && index < length) line[start + index]! ^= 0xff;
		this.packBytes += length;
	}
}
