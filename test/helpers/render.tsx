/**
 * Renders an Ink tree for tests and drives it key by key, each key inside React's act().
 * ink-testing-library alone delivers keys written back to back to the useInput handlers of
 * a frame that has not re-rendered yet; act() flushes the render (and its effects) between
 * keys, so a sequence of keys behaves as a person typing. Every tree rendered here is
 * unmounted after each test.
 */
import {render as inkRender} from 'ink-testing-library';
import {act, type ReactElement} from 'react';
import {afterEach} from 'vitest';

// Tells React that updates happen inside act(): no warnings, deterministic flushing.
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;

/** Terminal sequences for the keys the screens react to. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	delete: '\u001B[3~',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	space: ' ',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

export type WaitForOptions = {
	/** @default 5000 */
	readonly timeoutMs?: number;
};

export type Matcher = string | RegExp | ((frame: string) => boolean);

export type RenderedInk = {
	/** The latest frame, '' before the first one. */
	lastFrame(): string;
	/** Every frame written so far, oldest first (for "was X ever drawn" assertions). */
	readonly frames: readonly string[];
	/** Sends each key as its own keypress, letting the tree re-render between keys. */
	press(...sequence: string[]): Promise<void>;
	/** Types text one character at a time. */
	type(text: string): Promise<void>;
	/** Sends text as one chunk, as a terminal delivers a paste. */
	paste(text: string): Promise<void>;
	/** Resolves with the first frame that matches; rejects with the last frame after the timeout. */
	waitFor(matcher: Matcher, options?: WaitForOptions): Promise<string>;
	/** Gives the fake terminal a new size and emits 'resize', as a terminal window does. */
	resize(columns: number, rows?: number): Promise<void>;
	rerender(tree: ReactElement): Promise<void>;
	unmount(): Promise<void>;
};

const mounted = new Set<() => void>();

afterEach(async () => {
	for (const unmount of mounted) {
		await act(async () => unmount());
	}

	mounted.clear();
});

/** Lets queued work run: Ink flushes a lone Escape on setImmediate, promises settle on microtasks. */
function tick(): Promise<void> {
	return new Promise((resolve) => {
		setImmediate(resolve);
	});
}

function matches(frame: string, matcher: Matcher): boolean {
	if (typeof matcher === 'string') {
		return frame.includes(matcher);
	}

	if (matcher instanceof RegExp) {
		return matcher.test(frame);
	}

	return matcher(frame);
}

export async function renderInk(tree: ReactElement): Promise<RenderedInk> {
	let instance: ReturnType<typeof inkRender> | undefined;
	await act(async () => {
		instance = inkRender(tree);
		await tick();
	});
	const ink = instance!;
	let unmounted = false;
	const unmount = () => {
		if (!unmounted) {
			unmounted = true;
			ink.unmount();
		}
	};

	mounted.add(unmount);

	const write = async (chunk: string) => {
		await act(async () => {
			ink.stdin.write(chunk);
			await tick();
		});
	};

	const lastFrame = () => ink.lastFrame() ?? '';

	return {
		lastFrame,
		frames: ink.frames,
		async press(...sequence) {
			for (const key of sequence) {
				await write(key);
			}
		},
		async type(text) {
			for (const character of text) {
				await write(character);
			}
		},
		paste: write,
		async waitFor(matcher, options = {}) {
			const deadline = Date.now() + (options.timeoutMs ?? 5000);
			for (;;) {
				const frame = lastFrame();
				if (matches(frame, matcher)) {
					return frame;
				}

				if (Date.now() > deadline) {
					throw new Error(`No frame matched ${String(matcher)}; last frame:\n${frame}`);
				}

				await act(async () => {
					await new Promise((resolve) => {
						setTimeout(resolve, 10);
					});
				});
			}
		},
		async resize(columns, rows) {
			await act(async () => {
				// ink-testing-library's stdout reports a fixed width through a getter; shadow it.
				Object.defineProperty(ink.stdout, 'columns', {value: columns, configurable: true});
				if (rows !== undefined) {
					Object.defineProperty(ink.stdout, 'rows', {value: rows, configurable: true});
				}

				ink.stdout.emit('resize');
				await tick();
			});
		},
		async rerender(next) {
			await act(async () => {
				ink.rerender(next);
				await tick();
			});
		},
		async unmount() {
			mounted.delete(unmount);
			await act(async () => unmount());
		},
	};
}
