/**
 * Keys → browser actions, through the key tables (key-table.ts). Everything the keys act on
 * comes in through `BrowserControls`; the hook holds no state of its own.
 */
import {type Key, useInput} from 'ink';
import {useCallback, useRef} from 'react';
import {isPrintable, runKey} from '../components/key-table.js';
import type {BrowserControls} from './key-bindings.js';
import {screenOf} from './key-table.js';

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
	const state = controls.current();
	if (key.ctrl && input === 'c') {
		controls.quit('interrupt');
		return;
	}

	if (state.notice !== undefined) {
		controls.dispatch({type: 'notice', notice: undefined});
	}

	const context = {
		controls,
		state,
		parents: controls.detail.parents.length,
		depth: state.mode.kind === 'detail' ? state.mode.history.length : 0,
	};
	runKey(screenOf(state, controls.blocked), context, input, key);
}
