/**
 * The palette of bbtok-tui's screens as plain data, without React: the commit browser's
 * first paint (drawn before Ink has loaded) colours with it too. theme.tsx hands it to
 * widgets.
 */

export type Palette = {
	/** Titles, the focused field, the step counter. */
	readonly accent: string | undefined;
	readonly success: string | undefined;
	readonly warning: string | undefined;
	readonly error: string | undefined;
	/** Secondary text: explanations, placeholders. */
	readonly muted: string | undefined;
	/** Key names in hints. */
	readonly key: string | undefined;
};

export const colourful: Palette = {
	accent: 'cyan',
	success: 'green',
	warning: 'yellow',
	error: 'red',
	muted: 'gray',
	key: 'cyan',
};

export const colourless: Palette = {
	accent: undefined,
	success: undefined,
	warning: undefined,
	error: undefined,
	muted: undefined,
	key: undefined,
};

/** NO_COLOR present and not empty turns colours off, per no-color.org. */
export function colorsEnabled(env: NodeJS.ProcessEnv): boolean {
	return !env.NO_COLOR;
}
