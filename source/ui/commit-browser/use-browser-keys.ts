/**
 * Keys → browser actions, per screen. Everything the keys act on comes in through
 * `BrowserControls`; the hook holds no state of its own.
 */
import {type Key, useInput} from 'ink';
import type {Dispatch} from 'react';
import type {CommitEntry} from '../../commits/commit-entry.js';
import type {BrowserAction, BrowserState, Extent} from './use-browser-state.js';

export type BrowserControls = {
	readonly state: BrowserState;
	readonly dispatch: Dispatch<BrowserAction>;
	/** The list as shown (filtered or not) and the rows it has. */
	readonly extent: Extent;
	/** The commit under the cursor (list) or on screen (detail). */
	readonly current: CommitEntry | undefined;
	/** Where the commit under the cursor sits in the unfiltered list. */
	readonly unfilteredCursor: number;
	/** A failure fills the screen: only retry, help and quit apply. */
	readonly blocked: boolean;
	readonly detail: {
		readonly maxScroll: number;
		readonly page: number;
		readonly parents: readonly string[];
	};
	readonly branchNames: readonly string[];
	readonly isActive: boolean;
	quit(reason: 'user' | 'interrupt'): void;
	retryOrRefresh(): void;
	loadAll(): void;
	chooseBranch(name: string): void;
	copy(entry: CommitEntry): void;
	open(entry: CommitEntry): void;
};

export function useBrowserKeys(controls: BrowserControls): void {
	useInput((input, key) => handleKey(controls, input, key), {isActive: controls.isActive});
}

export function handleKey(controls: BrowserControls, input: string, key: Key): void {
	const {state, dispatch} = controls;
	if (key.ctrl && input === 'c') {
		controls.quit('interrupt');
		return;
	}

	if (state.notice !== undefined) {
		dispatch({type: 'notice', notice: undefined});
	}

	switch (state.mode.kind) {
		case 'help':
			dispatch({type: 'help-toggle'});
			return;
		case 'branches':
			branchKeys(controls, input, key, state.mode);
			return;
		case 'detail':
			detailKeys(controls, input, key, state.mode.scroll);
			return;
		case 'list':
			if (controls.blocked) {
				blockedKeys(controls, input, key);
			} else if (state.filtering) {
				filterKeys(controls, input, key);
			} else {
				listKeys(controls, input, key);
			}
	}
}

function blockedKeys(controls: BrowserControls, input: string, key: Key): void {
	if (input === 'q' || key.escape) {
		controls.quit('user');
	} else if (input === 'r') {
		controls.retryOrRefresh();
	} else if (input === '?') {
		controls.dispatch({type: 'help-toggle'});
	}
}

/** Movement shared by the list and the filter line. True when the key moved the cursor. */
function moveKeys(controls: BrowserControls, key: Key): boolean {
	const {dispatch, extent} = controls;
	if (key.upArrow) {
		dispatch({type: 'move', delta: -1, ...extent});
	} else if (key.downArrow) {
		dispatch({type: 'move', delta: 1, ...extent});
	} else if (key.pageUp) {
		dispatch({type: 'page', direction: -1, ...extent});
	} else if (key.pageDown) {
		dispatch({type: 'page', direction: 1, ...extent});
	} else if (key.home) {
		dispatch({type: 'top', ...extent});
	} else if (key.end) {
		bottom(controls);
	} else {
		return false;
	}

	return true;
}

function bottom(controls: BrowserControls): void {
	controls.dispatch({type: 'follow-end'});
	controls.loadAll();
}

function listKeys(controls: BrowserControls, input: string, key: Key): void {
	const {dispatch, extent, current, state} = controls;
	if (moveKeys(controls, key)) {
		return;
	}

	if (key.return && current) {
		dispatch({type: 'open-detail', hash: current.hash});
		return;
	}

	if (key.escape) {
		if (state.filter === '') {
			controls.quit('user');
		} else {
			dispatch({type: 'filter-clear', cursor: controls.unfilteredCursor, ...extent});
		}

		return;
	}

	switch (input) {
		case 'j':
			dispatch({type: 'move', delta: 1, ...extent});
			return;
		case 'k':
			dispatch({type: 'move', delta: -1, ...extent});
			return;
		case 'g':
			dispatch({type: 'top', ...extent});
			return;
		case 'G':
			bottom(controls);
			return;
		case '/':
			dispatch({type: 'filter-start'});
			return;
		case 'b':
			dispatch({type: 'branches-open'});
			return;
		case 'y':
			if (current) {
				controls.copy(current);
			}

			return;
		case 'o':
			if (current) {
				controls.open(current);
			}

			return;
		case 'r':
			controls.retryOrRefresh();
			return;
		case '?':
			dispatch({type: 'help-toggle'});
			return;
		case 'q':
			controls.quit('user');
			return;
	}
}

function filterKeys(controls: BrowserControls, input: string, key: Key): void {
	const {dispatch, state, extent} = controls;
	if (moveKeys(controls, key)) {
		return;
	}

	if (key.escape) {
		dispatch({type: 'filter-clear', cursor: controls.unfilteredCursor, ...extent});
	} else if (key.return || key.tab) {
		dispatch({type: 'filter-confirm'});
	} else if (key.backspace || key.delete) {
		dispatch({type: 'filter-type', text: [...state.filter].slice(0, -1).join('')});
	} else if (key.ctrl && input === 'u') {
		dispatch({type: 'filter-type', text: ''});
	} else if (!key.ctrl && !key.meta && isPrintable(input)) {
		dispatch({type: 'filter-type', text: state.filter + input});
	}
}

function detailKeys(controls: BrowserControls, input: string, key: Key, scroll: number): void {
	const {dispatch, detail, current} = controls;
	const scrollTo = (to: number) =>
		dispatch({type: 'detail-scroll', to: Math.max(0, Math.min(to, detail.maxScroll))});
	if (key.escape || key.leftArrow || key.backspace || key.delete || input === 'q') {
		dispatch({type: 'detail-back'});
	} else if (key.upArrow || input === 'k') {
		scrollTo(scroll - 1);
	} else if (key.downArrow || input === 'j') {
		scrollTo(scroll + 1);
	} else if (key.pageUp) {
		scrollTo(scroll - detail.page);
	} else if (key.pageDown || input === ' ') {
		scrollTo(scroll + detail.page);
	} else if (input === 'g' || key.home) {
		scrollTo(0);
	} else if (input === 'G' || key.end) {
		scrollTo(detail.maxScroll);
	} else if (/^[1-9]$/.test(input)) {
		const parent = detail.parents[Number(input) - 1];
		if (parent) {
			dispatch({type: 'open-parent', hash: parent});
		}
	} else if (input === 'y' && current) {
		controls.copy(current);
	} else if (input === 'o' && current) {
		controls.open(current);
	} else if (input === '?') {
		dispatch({type: 'help-toggle'});
	}
}

function branchKeys(
	controls: BrowserControls,
	input: string,
	key: Key,
	mode: {readonly query: string; readonly cursor: number},
): void {
	const {dispatch, branchNames} = controls;
	if (key.escape) {
		dispatch({type: 'branches-close'});
	} else if (key.return) {
		const name = branchNames[mode.cursor];
		if (name) {
			controls.chooseBranch(name);
		}
	} else if (key.upArrow || (key.ctrl && input === 'p')) {
		dispatch({type: 'branches-move', delta: -1, count: branchNames.length});
	} else if (key.downArrow || (key.ctrl && input === 'n')) {
		dispatch({type: 'branches-move', delta: 1, count: branchNames.length});
	} else if (key.backspace || key.delete) {
		dispatch({type: 'branches-type', query: [...mode.query].slice(0, -1).join('')});
	} else if (!key.ctrl && !key.meta && isPrintable(input)) {
		dispatch({type: 'branches-type', query: mode.query + input});
	}
}

/** Typed text, including a paste; not escape sequences or control keys. */
function isPrintable(input: string): boolean {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is excluded
	return input !== '' && !/[\u0000-\u001F\u007F-\u009F]/.test(input);
}
