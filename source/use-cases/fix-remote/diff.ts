/**
 * The preview of a config edit as a unified diff of lines. Edits touch a few lines, so
 * Myers' O(ND) algorithm stays fast on configs of any length. Text is shown redacted and
 * without line terminators: a CRLF file previews like any other.
 */
import {redact} from '../../core/redaction.js';

export type DiffLine = {readonly kind: 'context' | 'removed' | 'added'; readonly text: string};
export type DiffHunk = {readonly header: string; readonly lines: readonly DiffLine[]};

/** Hunks with `context` unchanged lines around each change; empty when the texts are equal. */
export function diffConfig(before: string, after: string, context = 2): DiffHunk[] {
	const a = linesOf(before);
	const b = linesOf(after);
	const script = editScript(a, b);
	const hunks: DiffHunk[] = [];
	let index = 0;
	while (index < script.length) {
		if (script[index]!.kind === 'context') {
			index++;
			continue;
		}

		let start = Math.max(0, index - context);
		// Grow the hunk while the next change is within 2 × context unchanged lines.
		let end = index;
		for (let probe = index; probe < script.length && probe <= end + 2 * context; probe++) {
			if (script[probe]!.kind !== 'context') {
				end = probe;
			}
		}

		const stop = Math.min(script.length, end + context + 1);
		const slice = script.slice(start, stop);
		const first = script[start]!;
		const oldCount = slice.filter((line) => line.kind !== 'added').length;
		const newCount = slice.filter((line) => line.kind !== 'removed').length;
		hunks.push({
			header: `@@ -${first.oldLine},${oldCount} +${first.newLine},${newCount} @@`,
			lines: slice.map(({kind, text}) => ({kind, text: redact(text)})),
		});
		start = stop;
		index = stop;
	}

	return hunks;
}

/** `--- a`, `+++ b`, hunks: what a terminal without colour shows. */
export function formatDiff(hunks: readonly DiffHunk[], file: string): string[] {
	const marks = {context: ' ', removed: '-', added: '+'} as const;
	return [
		`--- ${redact(file)}`,
		`+++ ${redact(file)} (proposed)`,
		...hunks.flatMap((hunk) => [
			hunk.header,
			...hunk.lines.map((line) => `${marks[line.kind]}${line.text}`),
		]),
	];
}

type ScriptLine = DiffLine & {oldLine: number; newLine: number};

function linesOf(text: string): string[] {
	if (text === '') {
		return [];
	}

	const lines = text.split(/\r?\n/);
	// A final terminator ends the last line rather than starting an empty one.
	if (lines.at(-1) === '') {
		lines.pop();
	}

	return lines;
}

/** Myers' shortest edit script, as one entry per line of either side. */
function editScript(a: readonly string[], b: readonly string[]): ScriptLine[] {
	const max = a.length + b.length;
	const offset = max + 1;
	const furthest = new Array<number>(2 * max + 3).fill(0);
	const trace: number[][] = [];
	outer: for (let d = 0; d <= max; d++) {
		trace.push([...furthest]);
		for (let k = -d; k <= d; k += 2) {
			const down = k === -d || (k !== d && furthest[offset + k - 1]! < furthest[offset + k + 1]!);
			let x = down ? furthest[offset + k + 1]! : furthest[offset + k - 1]! + 1;
			let y = x - k;
			while (x < a.length && y < b.length && a[x] === b[y]) {
				x++;
				y++;
			}

			furthest[offset + k] = x;
			if (x >= a.length && y >= b.length) {
				break outer;
			}
		}
	}

	const script: ScriptLine[] = [];
	let x = a.length;
	let y = b.length;
	for (let d = trace.length - 1; d >= 0; d--) {
		const v = trace[d]!;
		const k = x - y;
		const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
		const previousK = down ? k + 1 : k - 1;
		const previousX = v[offset + previousK]!;
		const previousY = previousX - previousK;
		while (x > previousX && y > previousY) {
			x--;
			y--;
			script.push({kind: 'context', text: a[x]!, oldLine: x + 1, newLine: y + 1});
		}

		if (d > 0) {
			if (down) {
				y--;
				script.push({kind: 'added', text: b[y]!, oldLine: x + 1, newLine: y + 1});
			} else {
				x--;
				script.push({kind: 'removed', text: a[x]!, oldLine: x + 1, newLine: y + 1});
			}
		}
	}

	return script.reverse();
}
