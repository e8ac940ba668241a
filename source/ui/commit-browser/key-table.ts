/**
 * The browser's key tables, one per mode, in the shared form (ui/components/key-table.ts):
 * per row its keys, what it does, its short hint, and the action. The key handler
 * (use-browser-keys), the `?` help and the hint lines (header, filter line, detail footer)
 * all read them, so a key documented is a key handled.
 */
import {type HelpGroup, helpOf, hintsOf} from '../components/key-table.js';
import {blockedScreen, branchScreen, detailScreen, helpScreen} from './detail-keys.js';
import type {BrowserTable, HintContext} from './key-bindings.js';
import {filterScreen, listScreen} from './list-keys.js';
import type {BrowserState} from './use-browser-state.js';

export {detailScreen} from './detail-keys.js';
export {filterScreen, listScreen} from './list-keys.js';

/** The table whose keys apply in `state`. */
export function screenOf(state: BrowserState, blocked: boolean): BrowserTable {
	switch (state.mode.kind) {
		case 'help':
			return helpScreen;
		case 'branches':
			return branchScreen;
		case 'detail':
			return detailScreen;
		case 'list':
			return blocked ? blockedScreen : state.filtering ? filterScreen : listScreen;
	}
}

/** A table's hint line: `? keys  q quit`, or joined by `separator`. */
export function hintLine(table: BrowserTable, context: HintContext, separator = '  '): string {
	return hintsOf(table, context)
		.map(({key, label}) => `${key} ${label}`)
		.join(separator);
}

/** What the `?` help lists: the keys of the list, the filter line and the details. */
export function helpGroups(): HelpGroup[] {
	return helpOf([
		{title: 'List', table: listScreen},
		{title: 'Filter', table: filterScreen},
		{title: 'Details', table: detailScreen},
	]);
}
