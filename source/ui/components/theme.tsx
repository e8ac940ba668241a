/**
 * The colours of bbtok-tui's screens, in one place, and the switch that turns them off:
 * NO_COLOR (https://no-color.org) is honoured by handing every widget an empty palette and
 * giving @inkjs/ui's widgets colourless styles. chalk, which Ink colours through, does not
 * read NO_COLOR itself. Every piece of information also has a non-colour form (marks such as
 * `›`, `✓`, `✗`), so a screen reads the same without colour.
 */
import {extendTheme, defaultTheme as inkUiDefaultTheme, ThemeProvider} from '@inkjs/ui';
import {createContext, type ReactNode, useContext, useMemo} from 'react';
import {colourful, colourless, type Palette} from './palette.js';

export {colorsEnabled, type Palette} from './palette.js';

/** Marks that carry meaning without colour. */
export const marks = {
	cursor: '›',
	success: '✓',
	failure: '✗',
	warning: '!',
	bullet: '•',
} as const;

const PaletteContext = createContext<Palette>(colourful);

export function usePalette(): Palette {
	return useContext(PaletteContext);
}

export type UiThemeProps = {
	/** False renders every widget, ours and @inkjs/ui's, without colour. @default true */
	readonly color?: boolean;
	readonly children: ReactNode;
};

export function UiTheme({color = true, children}: UiThemeProps) {
	const palette = color ? colourful : colourless;
	const inkUiTheme = useMemo(
		() =>
			extendTheme(inkUiDefaultTheme, {
				components: {
					Spinner: {styles: {frame: () => ({color: palette.accent})}},
					ProgressBar: {styles: {completed: () => ({color: palette.accent})}},
				},
			}),
		[palette],
	);
	return (
		<PaletteContext.Provider value={palette}>
			<ThemeProvider theme={inkUiTheme}>{children}</ThemeProvider>
		</PaletteContext.Provider>
	);
}
