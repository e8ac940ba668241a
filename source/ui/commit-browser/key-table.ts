/**
 * The browser's one key table: per screen, each binding's keys, what it does, its short
 * hint, and the action. The key handler (use-browser-keys), the `?` help and the hint lines
 * (header, filter line, detail footer) all read it, so a key documented is a key handled.
 */

import {blockedScreen, branchScreen, detailScreen} from './detail-keys.js';
import type {HintContext, Screen} from './key-bindings.js';
import {filterScreen, listScreen} from './list-keys.js';
import type {BrowserState} from './use-browser-state.js';

export {detailScreen} from './detail-keys.js';
export type {Binding, BrowserControls, HintContext, Screen} from './key-bindings.js';
export {isPrintable} from './key-bindings.js';
export {filterScreen, listScreen} from './list-keys.js';

export function screenOf(state: BrowserState, blocked: boolean): Screen | undefined {
	switch (state.mode.kind) {
		case 'help':
			return undefined;
		case 'branches':
			return branchScreen;
		case 'detail':
			return detailScreen;
		case 'list':
			return blocked ? blockedScreen : state.filtering ? filterScreen : listScreen;
	}
}

/** A screen's hint line: `? keys  q quit`, or joined by `separator`. */
export function hintLine(screen: Screen, context: HintContext, separator = '  '): string {
	return screen.bindings
		.flatMap((binding) => {
			const hint = typeof binding.hint === 'function' ? binding.hint(context) : binding.hint;
			return hint === undefined ? [] : [hint.join(' ')];
		})
		.join(separator);
}

export type HelpGroup = {
	readonly title: string;
	readonly keys: readonly (readonly [string, string])[];
};

/** What the `?` help lists: the bindings of the list, the filter line and the details. */
export function helpGroups(): HelpGroup[] {
	const rows = (screen: Screen) =>
		screen.bindings
			.filter((binding) => binding.inHelp !== false)
			.map((binding) => [binding.keys, binding.help] as const);
	return [
		{title: listScreen.title, keys: rows(listScreen)},
		{
			title: filterScreen.title,
			keys: [['type', 'narrow; a capital letter makes it case-sensitive'], ...rows(filterScreen)],
		},
		{title: detailScreen.title, keys: rows(detailScreen)},
	];
}
