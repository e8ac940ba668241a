/**
 * Stream stages between git http-backend's stdout and the HTTP response: the CGI header
 * block becomes the response head, and an optional cut ends the connection mid-body.
 */
import type {ServerResponse} from 'node:http';
import {Transform, type TransformCallback} from 'node:stream';

/** Parses the CGI header block (with `Status:`), writes it as the HTTP head, passes the body on. */
export class CgiResponse extends Transform {
	private head: Buffer | undefined = Buffer.alloc(0);

	constructor(private readonly response: ServerResponse) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		if (this.head === undefined) {
			callback(null, chunk);
			return;
		}

		const buffered = Buffer.concat([this.head, chunk]);
		const end = headerEnd(buffered);
		if (end === undefined) {
			this.head = buffered;
			callback();
			return;
		}

		this.head = undefined;
		this.writeHead(buffered.subarray(0, end.index).toString('latin1'));
		callback(null, buffered.subarray(end.index + end.length));
	}

	override _flush(callback: TransformCallback): void {
		callback(this.head === undefined ? null : new Error('git http-backend sent no header block.'));
	}

	private writeHead(block: string): void {
		let status = 200;
		const headers: Record<string, string> = {};
		for (const line of block.split(/\r?\n/)) {
			const colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}

			const name = line.slice(0, colon).trim();
			const value = line.slice(colon + 1).trim();
			if (name.toLowerCase() === 'status') {
				status = Number.parseInt(value, 10) || 500;
			} else {
				headers[name] = value;
			}
		}

		this.response.writeHead(status, headers);
	}
}

function headerEnd(buffer: Buffer): {index: number; length: number} | undefined {
	const crlf = buffer.indexOf('\r\n\r\n');
	const lf = buffer.indexOf('\n\n');
	if (crlf !== -1 && (lf === -1 || crlf < lf)) {
		return {index: crlf, length: 4};
	}

	return lf === -1 ? undefined : {index: lf, length: 2};
}

/** Passes `limit` bytes, then cuts the connection: a network failure in the middle of a pack. */
export class CutAfter extends Transform {
	private passed = 0;

	constructor(
		private readonly limit: number,
		private readonly cut: () => void,
	) {
		super();
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		const room = this.limit - this.passed;
		if (room <= 0) {
			callback();
			return;
		}

		if (chunk.length < room) {
			this.passed += chunk.length;
			callback(null, chunk);
			return;
		}

		this.passed = this.limit;
		this.push(chunk.subarray(0, room));
		setImmediate(this.cut);
		callback();
	}

	/** Once cut, the response must never end cleanly, or a short tail would look like a whole pack. */
	override _flush(callback: TransformCallback): void {
		if (this.passed < this.limit) {
			callback();
		}
	}
}
