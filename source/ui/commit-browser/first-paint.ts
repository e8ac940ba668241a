/**
 * The browser's first page drawn before Ink and React have loaded. Loading them takes about
 * as long as all the rest of the start (~40% of the time to the first page), while the first
 * page of commits often arrives during it; so when it does, its screen is written at once,
 * composed by the same code Ink draws with (screen-lines.ts), and Ink's first frame then
 * replaces it in one synchronized update (render.tsx). No React or Ink here: this module
 * loads with the command, ahead of them.
 */
import chalk from 'chalk';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {toCommitEntry} from '../../commits/commit-entry.js';
import type {FirstPage} from '../../commits/feed.js';
import {cutToWidth, stringWidth} from '../../core/text-width.js';
import {colorsEnabled, colourful, colourless} from '../components/palette.js';
import type {Line, SpanStyle} from '../components/styled-line.js';
import {browserThemeOf} from './browser-theme.js';
import {hintLine, listScreen} from './key-table.js';
import {
	browserHeight,
	columnsFor,
	headerLine,
	listViewport,
	positionText,
	rowLine,
} from './screen-lines.js';

export type FirstPaintInput = {
	readonly ref: RepoRef;
	readonly first: FirstPage;
	readonly columns: number;
	readonly rows: number;
	readonly env: NodeJS.ProcessEnv;
	readonly now: number;
};

export const enterAlternateScreen = '\u001B[?1049h';
export const leaveAlternateScreen = '\u001B[?1049l';

/** The list screen as the browser's first frame shows it: header, rows, footer. */
export function firstPaintLines(input: FirstPaintInput): string[] {
	const theme = browserThemeOf(colorsEnabled(input.env) ? colourful : colourless);
	const width = input.columns;
	const viewport = listViewport(browserHeight(input.rows));
	const entries = input.first.page.values.map(toCommitEntry);
	const layout = columnsFor(width);
	const hint = hintLine(listScreen, {parents: 0, depth: 0});
	const lines = [
		draw(headerLine(formatRepoRef(input.ref), input.first.revision, width, hint, theme), width),
	];
	for (let row = 0; row < viewport; row++) {
		const entry = entries[row];
		lines.push(
			entry === undefined
				? ''
				: draw(
						rowLine({
							entry,
							selected: row === 0,
							query: undefined,
							refs: undefined,
							build: undefined,
							currentBranch: input.first.revision,
							now: input.now,
							layout,
							theme,
						}),
						width,
					),
		);
	}

	const position = positionText({
		position: entries.length === 0 ? 0 : 1,
		count: entries.length,
		loaded: entries.length,
		hasMore: input.first.page.next !== undefined,
		loading: undefined,
		filtered: false,
	});
	lines.push(draw({style: {}, spans: [{text: position}]}, width));
	return lines;
}

export type FirstPaint = {
	/** Settles when the first page is drawn, or after `ms` (the time Ink is given to wait). */
	drawnWithin(ms: number): Promise<void>;
	/** No drawing from now on (Ink is about to draw); whether the page was drawn. */
	stop(): boolean;
	/** Leaves the alternate screen if a paint entered it and Ink never took it over. */
	leave(): void;
};

/** Writes the first page on the alternate screen when it comes in, until stopped. */
export function paintFirstPageOnArrival(
	session: {onFirstPage(listener: (first: FirstPage) => void): void},
	options: {ref: RepoRef; stdout: NodeJS.WriteStream; env: NodeJS.ProcessEnv},
): FirstPaint {
	let state: 'waiting' | 'painted' | 'handed-over' | 'stopped' = 'waiting';
	let drawn = () => {};
	const wasDrawn = new Promise<void>((resolve) => {
		drawn = resolve;
	});
	session.onFirstPage((first) => {
		if (state !== 'waiting') {
			return;
		}

		state = 'painted';
		const {stdout} = options;
		const lines = firstPaintLines({
			ref: options.ref,
			first,
			columns: stdout.columns || 80,
			rows: stdout.rows || 24,
			env: options.env,
			now: Date.now(),
		});
		stdout.write(`${enterAlternateScreen}\u001B[H${lines.join('\n')}`);
		drawn();
	});
	return {
		drawnWithin(ms) {
			let timer: NodeJS.Timeout | undefined;
			const late = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, ms);
			});
			return Promise.race([wasDrawn, late]).finally(() => clearTimeout(timer));
		},
		stop() {
			const painted = state === 'painted';
			state = painted ? 'handed-over' : 'stopped';
			return painted;
		},
		leave() {
			if (state === 'painted') {
				options.stdout.write(leaveAlternateScreen);
			}

			state = 'stopped';
		},
	};
}

/** A line in terminal codes, cut to `width` with an ellipsis as Ink's truncate-end cuts it. */
function draw(line: Line, width: number): string {
	const total = line.spans.reduce((sum, span) => sum + stringWidth(span.text), 0);
	let used = 0;
	let out = '';
	for (const span of line.spans) {
		const spanWidth = stringWidth(span.text);
		const last = total > width && used + spanWidth >= width;
		const text = last ? cutToWidth(`${span.text}…`, width - used) : span.text;
		out += styled(text, span, line.style);
		used += spanWidth;
		if (last) {
			break;
		}
	}

	return out;
}

function styled(text: string, span: SpanStyle, line: SpanStyle): string {
	let painter = chalk;
	const color = span.color ?? line.color;
	const background = span.backgroundColor ?? line.backgroundColor;
	if (color !== undefined) {
		painter = painter[color as 'red'] ?? painter;
	}

	if (background !== undefined) {
		painter =
			painter[`bg${background[0]!.toUpperCase()}${background.slice(1)}` as 'bgRed'] ?? painter;
	}

	if (span.bold || line.bold) {
		painter = painter.bold;
	}

	if (span.inverse || line.inverse) {
		painter = painter.inverse;
	}

	if (span.underline || line.underline) {
		painter = painter.underline;
	}

	return text === '' ? '' : painter(text);
}
