/**
 * A config value as git decodes it (config.c): quotes toggle, backslash escapes, a trailing
 * backslash continues the value on the next line, and unquoted whitespace collapses.
 */
import type {Scanner} from './scanner.js';

const escapes: Readonly<Record<string, string>> = {
	n: '\n',
	t: '\t',
	b: '\b',
	'"': '"',
	'\\': '\\',
};

/** Reads from just after `=` (and its blanks); `valueEnd` is where the raw value ends. */
export function readValue(scan: Scanner): {value: string; valueEnd: number} {
	let value = '';
	let pendingSpace = '';
	let quoted = false;
	let valueEnd = scan.index;
	while (!scan.done) {
		if (scan.newline() > 0) {
			if (quoted) {
				scan.fail('a quoted value that runs past the end of the line');
			}

			break;
		}

		const char = scan.peek()!;
		if (!quoted && (char === '#' || char === ';')) {
			break;
		}

		if (char === '\\') {
			const continuation = scan.newline(1);
			if (continuation > 0) {
				scan.nextLine(continuation, 1);
				continue;
			}

			const escaped = escapes[scan.peek(1) ?? ''];
			if (escaped === undefined) {
				scan.fail('an unknown escape in a value');
			}

			value += pendingSpace + escaped;
			pendingSpace = '';
			scan.index += 2;
			valueEnd = scan.index;
			continue;
		}

		if (char === '"') {
			quoted = !quoted;
			scan.index++;
			valueEnd = scan.index;
			continue;
		}

		if (!quoted && (char === ' ' || char === '\t')) {
			// Git drops whitespace at either end and keeps one space per inner whitespace character.
			if (value !== '') {
				pendingSpace += ' ';
			}

			scan.index++;
			continue;
		}

		value += pendingSpace + char;
		pendingSpace = '';
		scan.index++;
		valueEnd = scan.index;
	}

	if (quoted) {
		scan.fail('an unterminated quoted value');
	}

	return {value, valueEnd};
}
