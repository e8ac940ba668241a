/**
 * A screen's keys as one table: each row says how the key is shown in the hints footer,
 * when it applies, and what it does. The screen's key handler and its hints both read the
 * table, so a key cannot work without being listed, or be listed without working. A row
 * without `press` names a key that a text input on the screen handles itself.
 */
import type {Key} from 'ink';
import type {KeyHint} from './key-hints.js';

export type KeyBinding<C> = {
	/** As the hints print it, e.g. `Enter`, `↑/↓`. */
	readonly key: string;
	readonly label: string | ((context: C) => string);
	/** Whether the key applies now; it is neither shown nor handled otherwise. @default always */
	readonly when?: (context: C) => boolean;
	/** Whether it is listed in the hints (a key may work unlisted, like PgUp/PgDn). @default true */
	readonly shown?: boolean | ((context: C) => boolean);
	/** Whether a key press is this key. Absent: the screen's input handles it. */
	readonly press?: (input: string, key: Key) => boolean;
	readonly run?: (context: C, input: string, key: Key) => void;
};

export type KeyTable<C> = readonly KeyBinding<C>[];

/** The footer the table gives in `context`. */
export function hintsOf<C>(table: KeyTable<C>, context: C): KeyHint[] {
	return table.flatMap((binding) => {
		const shown =
			typeof binding.shown === 'function' ? binding.shown(context) : (binding.shown ?? true);
		if (!shown || !(binding.when?.(context) ?? true)) {
			return [];
		}

		const label = typeof binding.label === 'function' ? binding.label(context) : binding.label;
		return [{key: binding.key, label}];
	});
}

/** Runs the first row that applies and matches the press; false when none did. */
export function runKey<C>(table: KeyTable<C>, context: C, input: string, key: Key): boolean {
	const binding = table.find(
		(row) => row.press !== undefined && (row.when?.(context) ?? true) && row.press(input, key),
	);
	binding?.run?.(context, input, key);
	return binding !== undefined;
}

/** A table whose labels do not depend on the moment, so another screen can list them. */
export type FixedLabelTable<C> = readonly (KeyBinding<C> & {readonly label: string})[];

/** The rows as hints only: their keys are handled by the table's owner (e.g. a form). */
export function shownOnly<C>(table: FixedLabelTable<never>): KeyTable<C> {
	return table.map(({key, label}) => ({key, label}));
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
} as const;
