/** The commit browser's theme for the palette of the screen it is drawn in. */
import {useMemo} from 'react';
import {usePalette} from '../components/theme.js';
import {type BrowserTheme, browserThemeOf} from './browser-theme.js';

export {type BrowserTheme, cursorMark} from './browser-theme.js';

export function useBrowserTheme(): BrowserTheme {
	const palette = usePalette();
	return useMemo(() => browserThemeOf(palette), [palette]);
}
