/**
 * The position in a config text while it is read: offset, line number and where the line
 * started (entries keep all three for in-place edits), and the one error git would give.
 */
import {UsageError} from '../../core/errors.js';

/** The length of the line terminator at `index` (LF or CRLF), 0 when there is none. */
export function newlineAt(text: string, index: number): number {
	if (text[index] === '\n') {
		return 1;
	}

	return text[index] === '\r' && text[index + 1] === '\n' ? 2 : 0;
}

export class Scanner {
	index: number;
	line = 1;
	lineStart: number;

	constructor(
		readonly text: string,
		/** The file as error messages name it. */
		readonly source: string,
	) {
		this.index = text.startsWith('\uFEFF') ? 1 : 0;
		this.lineStart = this.index;
	}

	get done(): boolean {
		return this.index >= this.text.length;
	}

	/** The character `ahead` places on; undefined past the end. */
	peek(ahead = 0): string | undefined {
		return this.text[this.index + ahead];
	}

	/** The line terminator's length here (0: none). */
	newline(ahead = 0): number {
		return newlineAt(this.text, this.index + ahead);
	}

	/** At the end of the text or of a line. */
	get atLineEnd(): boolean {
		return this.done || this.newline() > 0;
	}

	/** Steps over a line terminator of `length` characters (at `index + ahead`) into the next line. */
	nextLine(length: number, ahead = 0): void {
		this.index += ahead + length;
		this.line++;
		this.lineStart = this.index;
	}

	skipBlanks(): void {
		while (this.peek() === ' ' || this.peek() === '\t') {
			this.index++;
		}
	}

	/** Advances while `pattern` matches one character; returns what was passed. */
	take(pattern: RegExp): string {
		const start = this.index;
		while (!this.done && pattern.test(this.text[this.index]!)) {
			this.index++;
		}

		return this.text.slice(start, this.index);
	}

	skipToLineEnd(): void {
		while (!this.atLineEnd) {
			this.index++;
		}
	}

	/** The offset after this line's terminator (the line's end when it has none). */
	lineEndAfter(): number {
		this.skipToLineEnd();
		return this.index + this.newline();
	}

	fail(what: string): never {
		throw new UsageError(`Cannot parse ${this.source}, line ${this.line}: ${what}.`, {
			hint: 'Fix it by hand (git itself would refuse this file), then run fix-remote again.',
		});
	}
}
