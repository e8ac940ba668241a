/**
 * Colours of the commit browser, on top of the shared palette, as plain data (the first
 * paint, drawn before Ink has loaded, uses them too): when the palette is colourless
 * (NO_COLOR), so is the browser, and the cursor row and filter matches fall back to inverse
 * and underline. Every piece of information also has a non-colour form (the `›` cursor mark,
 * `[branch]` brackets, status letters, build marks).
 */
import type {BuildSummary} from '../../commits/build-status.js';
import type {Palette} from '../components/palette.js';

export type BrowserTheme = {
	readonly hash?: string;
	readonly date?: string;
	readonly author?: string;
	readonly ref?: string;
	readonly currentRef?: string;
	readonly tag?: string;
	readonly added?: string;
	readonly removed?: string;
	readonly renamed?: string;
	readonly warning?: string;
	readonly error?: string;
	readonly muted?: string;
	readonly key?: string;
	/** Build marks (✓ ✗ … ■ ·): the mark tells the state without colour too. */
	readonly build: Readonly<Partial<Record<BuildSummary, string>>>;
	/** The cursor row: a background colour, or inverse text without colours. */
	readonly selected: {readonly backgroundColor?: string; readonly inverse?: boolean};
	/** Filter matches: coloured, or underlined without colours. */
	readonly match: {
		readonly backgroundColor?: string;
		readonly color?: string;
		readonly underline?: boolean;
	};
};

const colourful: BrowserTheme = {
	hash: 'yellow',
	date: 'gray',
	author: 'cyan',
	ref: 'green',
	currentRef: 'greenBright',
	tag: 'magentaBright',
	added: 'green',
	removed: 'red',
	renamed: 'magenta',
	build: {
		SUCCESSFUL: 'green',
		FAILED: 'redBright',
		INPROGRESS: 'yellow',
		STOPPED: 'magenta',
		none: 'gray',
	},
	selected: {backgroundColor: 'blue'},
	match: {backgroundColor: 'yellow', color: 'black'},
};

const colourless: BrowserTheme = {build: {}, selected: {inverse: true}, match: {underline: true}};

/** The browser's theme on `palette` (colourless when the palette is). */
export function browserThemeOf(palette: Palette): BrowserTheme {
	return palette.accent === undefined
		? colourless
		: {
				...colourful,
				warning: palette.warning,
				error: palette.error,
				muted: palette.muted,
				key: palette.key,
			};
}

export const cursorMark = '›';
