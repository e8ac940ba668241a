/**
 * A screen's keys as one table: each row says how the key is shown in the hints footer,
 * when it applies, and what it does. The screen's key handler and its hints both read the
 * table, so a key cannot work without being listed, or be listed without working. A row
 * without `press` names a key that a text input on the screen handles itself. A screen
 * with modes (a filter line, a picker) has a table per mode; a full key list (a `?` help)
 * is made of titled tables.
 *
 * `C` is what the handler acts on; `H`, what the hints read, when they are drawn where the
 * handler's context is not at hand (the handler's context then carries `H` too).
 */
import type {Key} from 'ink';
import type {KeyHint} from './key-hints.js';

export type KeyBinding<C, H = C> = {
	/** As the hints print it, e.g. `Enter`, `↑/↓`. */
	readonly key: string | ((context: H) => string);
	readonly label: string | ((context: H) => string);
	/** Whether the key applies now; it is neither shown nor handled otherwise. @default always */
	readonly when?: (context: H) => boolean;
	/** Whether it is listed in the hints (a key may work unlisted, like PgUp/PgDn). @default true */
	readonly shown?: boolean | ((context: H) => boolean);
	/** Whether a key press is this key. Absent: the screen's input handles it. */
	readonly press?: (input: string, key: Key) => boolean;
	readonly run?: (context: C, input: string, key: Key) => void;
	/**
	 * In the full key list (helpOf): true with the label, or what the key does there in more
	 * words. @default false
	 */
	readonly help?: boolean | string;
	/** The keys as the full key list prints them, when more than `key` (needed when `key` varies). */
	readonly helpKey?: string;
};

export type KeyTable<C, H = C> = readonly KeyBinding<C, H>[];

/** The footer the table gives in `context`. */
export function hintsOf<C, H>(table: KeyTable<C, H>, context: H): KeyHint[] {
	return table.flatMap((binding) => {
		const shown =
			typeof binding.shown === 'function' ? binding.shown(context) : (binding.shown ?? true);
		if (!shown || !(binding.when?.(context) ?? true)) {
			return [];
		}

		const key = typeof binding.key === 'function' ? binding.key(context) : binding.key;
		const label = typeof binding.label === 'function' ? binding.label(context) : binding.label;
		return [{key, label}];
	});
}

/**
 * The rows of the screen now shown that answer a key reaching the handler of the screen drawn
 * before it (`moved`). Ink binds a screen's handler only after its frame is drawn, so a key
 * typed as soon as a screen shows arrives there, and belongs to the screen now shown. Only the
 * Enter is held back: it submitted a text input and so moved the run on, and must not also
 * answer the screen that replaced it.
 */
export function rowsAfterMove<C, H>(table: KeyTable<C, H>, moved: boolean): KeyTable<C, H> {
	if (!moved) return table;
	// The Enter itself, whatever row would take it: a preview's default No takes Enter as n.
	return table.map((binding) => {
		const {press} = binding;
		return press ? {...binding, press: (input, key) => !key.return && press(input, key)} : binding;
	});
}

/** Runs the first row that applies and matches the press; false when none did. */
export function runKey<C extends H, H = C>(
	table: KeyTable<C, H>,
	context: C,
	input: string,
	key: Key,
): boolean {
	const binding = table.find(
		(row) => row.press !== undefined && (row.when?.(context) ?? true) && row.press(input, key),
	);
	binding?.run?.(context, input, key);
	return binding !== undefined;
}

/** A table under a title, as the full key list groups it. */
export type KeySection<C, H = C> = {readonly title: string; readonly table: KeyTable<C, H>};

export type HelpGroup = {
	readonly title: string;
	readonly keys: readonly (readonly [keys: string, what: string])[];
};

/** The full key list: per section, the rows marked `help`, whatever the moment. */
export function helpOf<C, H>(sections: readonly KeySection<C, H>[]): HelpGroup[] {
	return sections.map(({title, table}) => ({
		title,
		keys: table.flatMap((binding) => {
			if (!binding.help) {
				return [];
			}

			const keys = binding.helpKey ?? (typeof binding.key === 'string' ? binding.key : '');
			const what =
				typeof binding.help === 'string'
					? binding.help
					: typeof binding.label === 'string'
						? binding.label
						: '';
			return [[keys, what] as const];
		}),
	}));
}

/** A table whose labels do not depend on the moment, so another screen can list them. */
export type FixedLabelTable<C> = readonly (KeyBinding<C> & {
	readonly key: string;
	readonly label: string;
})[];

/** The rows as hints only: their keys are handled by the table's owner (e.g. a form). */
export function shownOnly<C>(table: FixedLabelTable<never>): KeyTable<C> {
	return table.map(({key, label}) => ({key, label}));
}

type Press = (input: string, key: Key) => boolean;

/** Typed text, including a paste; not escape sequences or control keys. */
export function isPrintable(input: string): boolean {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is excluded
	return input !== '' && !/[\u0000-\u001F\u007F-\u009F]/.test(input);
}

/** Matchers for `press`. */
export const presses = {
	ctrlC: (input: string, key: Key) => key.ctrl && input === 'c',
	enter: (_input: string, key: Key) => key.return,
	escape: (_input: string, key: Key) => key.escape,
	upDown: (_input: string, key: Key) => key.upArrow || key.downArrow,
	leftRight: (_input: string, key: Key) => key.leftArrow || key.rightArrow,
	pageUpDown: (_input: string, key: Key) => key.pageUp || key.pageDown,
	/** The letter, either case, without modifiers. */
	letter: (letter: string) => (input: string, key: Key) =>
		!key.ctrl && !key.meta && input.toLowerCase() === letter,
	/** One of these characters exactly (`g` is not `G`), without Ctrl or Alt. */
	typed:
		(...inputs: string[]): Press =>
		(input, key) =>
			!key.ctrl && !key.meta && inputs.includes(input),
	/** One of these named keys (`return`, `pageUp`, …). */
	named:
		(...names: (keyof Key)[]): Press =>
		(_input, key) =>
			names.some((name) => key[name] === true),
	/** Ctrl with this letter. */
	ctrl:
		(letter: string): Press =>
		(input, key) =>
			key.ctrl && input === letter,
	either:
		(...tests: Press[]): Press =>
		(input, key) =>
			tests.some((test) => test(input, key)),
	/** Text typed into the screen's own line (a filter, a search), without Ctrl or Alt. */
	text: (input: string, key: Key) => !key.ctrl && !key.meta && isPrintable(input),
} as const;
