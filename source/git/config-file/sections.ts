/**
 * Git's config grammar, keeping the offsets an in-place edit needs: section headers
 * (names and keys case-insensitive, quoted subsections case-sensitive), entries, comments.
 */
import {Scanner} from './scanner.js';
import type {ConfigEntry, Section, SectionName} from './types.js';
import {readValue} from './value.js';

/** Parses `text`; throws a UsageError naming the line git would also reject (in `source`, for the message). */
export function parseSections(text: string, source: string): Section[] {
	// Typed, so that scan.fail() (never) narrows like a throw.
	const scan: Scanner = new Scanner(text, source);
	const sections: Section[] = [];
	let current: Section | undefined;
	while (!scan.done) {
		const newline = scan.newline();
		if (newline > 0) {
			scan.nextLine(newline);
			continue;
		}

		const char = scan.peek()!;
		if (char === ' ' || char === '\t') {
			scan.index++;
		} else if (char === '#' || char === ';') {
			scan.skipToLineEnd();
		} else if (char === '[') {
			const header = readHeader(scan);
			const headerEnd = keyOnLine(scan) ? scan.index : scan.lineEndAfter();
			current = {...header, headerEnd, entries: []};
			sections.push(current);
		} else if (/[A-Za-z]/.test(char)) {
			if (!current) {
				scan.fail('a key before any [section]');
			}

			current.entries.push(readEntry(scan, current));
		} else {
			scan.fail(`unexpected "${char}"`);
		}
	}

	return sections;
}

/** After a header, git accepts `key = value` on the same line. */
function keyOnLine(scan: Scanner): boolean {
	let ahead = 0;
	while (scan.peek(ahead) === ' ' || scan.peek(ahead) === '\t') {
		ahead++;
	}

	return /[A-Za-z]/.test(scan.peek(ahead) ?? '');
}

function readHeader(scan: Scanner): SectionName {
	scan.index++;
	const name = scan.take(/[A-Za-z0-9.-]/).toLowerCase();
	if (name === '') {
		scan.fail('an empty section name');
	}

	if (scan.peek() === ']') {
		scan.index++;
		const dot = name.indexOf('.');
		// The deprecated `[section.subsection]` form: git lowercases the subsection too.
		return dot === -1
			? {section: name}
			: {section: name.slice(0, dot), subsection: name.slice(dot + 1)};
	}

	scan.skipBlanks();
	if (scan.peek() !== '"' || name.includes('.')) {
		scan.fail('a malformed section header');
	}

	scan.index++;
	let subsection = '';
	while (scan.peek() !== '"') {
		if (scan.atLineEnd) {
			scan.fail('an unterminated subsection name');
		}

		if (scan.peek() === '\\') {
			scan.index++;
			if (scan.atLineEnd) {
				scan.fail('an unterminated subsection name');
			}
		}

		subsection += scan.peek();
		scan.index++;
	}

	scan.index++;
	if (scan.peek() !== ']') {
		scan.fail('a malformed section header');
	}

	scan.index++;
	return {section: name, subsection};
}

function readEntry(scan: Scanner, section: Section): ConfigEntry {
	const {line, lineStart} = scan;
	const keyStart = scan.index;
	const key = scan.take(/[A-Za-z0-9-]/).toLowerCase();
	const keyEnd = scan.index;
	scan.skipBlanks();
	const base = {
		section: section.section,
		subsection: section.subsection,
		key,
		line,
		keyStart,
		keyEnd,
		lineStart,
	};
	const next = scan.peek();
	if (scan.atLineEnd || next === '#' || next === ';') {
		return {
			...base,
			value: undefined,
			valueStart: keyEnd,
			valueEnd: keyEnd,
			hasEquals: false,
			end: scan.lineEndAfter(),
		};
	}

	if (next !== '=') {
		scan.fail(`"${key}" is not followed by "="`);
	}

	scan.index++;
	scan.skipBlanks();
	const valueStart = scan.index;
	const {value, valueEnd} = readValue(scan);
	return {...base, value, valueStart, valueEnd, hasEquals: true, end: scan.lineEndAfter()};
}
