/**
 * Keys → browser actions, per screen. Everything the keys act on comes in through
 * `BrowserControls`; the hook holds no state of its own.
 */
import {type Key, useInput} from 'ink';
import {useCallback, useRef} from 'react';
import type {CommitEntry} from '../../commits/commit-entry.js';
import type {BrowserAction, BrowserState, Extent} from './use-browser-state.js';

export type BrowserControls = {
	/** The state as of the last dispatch (see useBrowserState). */
	readonly current: () => BrowserState;
	readonly dispatch: (action: BrowserAction) => void;
	/** The list as shown (filtered or not) and the rows it has. */
	readonly extent: Extent;
	/** The commit under the cursor (list) or on screen (detail) in `state`. */
	commitIn(state: BrowserState): CommitEntry | undefined;
	/** Where the commit under the cursor in `state` sits in the unfiltered list. */
	unfilteredCursorIn(state: BrowserState): number;
	/** Commits loaded: the length of the unfiltered list. */
	readonly loaded: number;
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
	// Ink keeps the previous render's handler until its effects run: read the latest controls.
	const latest = useRef(controls);
	latest.current = controls;
	const onInput = useCallback(
		(input: string, key: Key) => handleInput(latest.current, input, key),
		[],
	);
	useInput(onInput, {isActive: controls.isActive});
}

/**
 * Keys typed faster than the terminal is read arrive as one chunk (`jjjj`, `/fix`, `jj\r`):
 * each character is a key of its own, Enter and Backspace included.
 */
export function handleInput(controls: BrowserControls, input: string, key: Key): void {
	const characters = [...input];
	if (key.ctrl || key.meta || key.escape || characters.length < 2) {
		handleKey(controls, input, key);
		return;
	}

	for (const character of characters) {
		const special = chunkKeys[character];
		if (special) {
			handleKey(controls, '', {...key, ...special});
		} else if (isPrintable(character)) {
			handleKey(controls, character, key);
		}
	}
}

const chunkKeys: Record<string, Partial<Key>> = {
	'\r': {return: true},
	'\n': {return: true},
	'\t': {tab: true},
	'\u007F': {delete: true},
	'\b': {backspace: true},
};

function handleKey(controls: BrowserControls, input: string, key: Key): void {
	const {dispatch} = controls;
	const state = controls.current();
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
			detailKeys(controls, input, key, state);
			return;
		case 'list':
			if (controls.blocked) {
				blockedKeys(controls, input, key);
			} else if (state.filtering) {
				filterKeys(controls, input, key, state);
			} else {
				listKeys(controls, input, key, state);
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

/** Back to the whole list, on the commit that was under the cursor. */
function clearFilter(controls: BrowserControls, state: BrowserState): void {
	controls.dispatch({
		type: 'filter-clear',
		cursor: controls.unfilteredCursorIn(state),
		count: controls.loaded,
		viewport: controls.extent.viewport,
	});
}

function bottom(controls: BrowserControls): void {
	controls.dispatch({type: 'follow-end'});
	controls.loadAll();
}

function listKeys(controls: BrowserControls, input: string, key: Key, state: BrowserState): void {
	const {dispatch, extent} = controls;
	const commit = controls.commitIn(state);
	if (moveKeys(controls, key)) {
		return;
	}

	if (key.return && commit) {
		dispatch({type: 'open-detail', hash: commit.hash});
		return;
	}

	if (key.escape) {
		if (state.filter === '') {
			controls.quit('user');
		} else {
			clearFilter(controls, state);
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
			if (commit) {
				controls.copy(commit);
			}

			return;
		case 'o':
			if (commit) {
				controls.open(commit);
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

function filterKeys(controls: BrowserControls, input: string, key: Key, state: BrowserState): void {
	const {dispatch} = controls;
	const {filter} = state;
	if (moveKeys(controls, key)) {
		return;
	}

	if (key.escape) {
		clearFilter(controls, state);
	} else if (key.return || key.tab) {
		dispatch({type: 'filter-confirm'});
	} else if (key.backspace || key.delete) {
		dispatch({type: 'filter-type', text: [...filter].slice(0, -1).join('')});
	} else if (key.ctrl && input === 'u') {
		dispatch({type: 'filter-type', text: ''});
	} else if (!key.ctrl && !key.meta && isPrintable(input)) {
		dispatch({type: 'filter-type', text: filter + input});
	}
}

function detailKeys(controls: BrowserControls, input: string, key: Key, state: BrowserState): void {
	const {dispatch, detail} = controls;
	const commit = controls.commitIn(state);
	const scroll = state.mode.kind === 'detail' ? state.mode.scroll : 0;
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
	} else if (input === 'y' && commit) {
		controls.copy(commit);
	} else if (input === 'o' && commit) {
		controls.open(commit);
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
