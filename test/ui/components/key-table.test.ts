import type {Key} from 'ink';
import {describe, expect, test, vi} from 'vitest';
import {
	detailScreen,
	filterScreen,
	helpGroups,
	hintLine,
	listScreen,
} from '../../../source/ui/commit-browser/key-table.js';
import {
	hintsOf,
	type KeyTable,
	presses,
	rowsAfterMove,
	runKey,
} from '../../../source/ui/components/key-table.js';
import {fixRemoteKeys} from '../../../source/ui/fix-remote/fix-remote-keys.js';
import {scanFixKeys} from '../../../source/ui/fix-remote-scan/scan-fix-keys.js';
import {wizardKeysFor} from '../../../source/ui/onboard/wizard-keys.js';
import {initialState} from '../../../source/ui/onboard/wizard-state.js';

const none: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
} as Key;

describe('a key table', () => {
	const first = vi.fn();
	const second = vi.fn();
	const table: KeyTable<{open: boolean}> = [
		{key: 'y', label: 'yes', when: ({open}) => open, press: presses.letter('y'), run: first},
		{key: 'y', label: 'also', shown: false, press: presses.letter('y'), run: second},
		{key: 'Enter', label: ({open}) => (open ? 'close' : 'open')},
	];

	test('drives the handler: the first row that applies and matches runs, once', () => {
		expect(runKey(table, {open: true}, 'Y', none)).toBe(true);
		expect(first).toHaveBeenCalledTimes(1);
		expect(second).not.toHaveBeenCalled();
		expect(runKey(table, {open: false}, 'y', none)).toBe(true);
		expect(second).toHaveBeenCalledTimes(1);
		// A row without a press belongs to the screen's input.
		expect(runKey(table, {open: true}, '', {...none, return: true})).toBe(false);
	});

	test('drives the hints: rows that apply and are shown, labels for the moment', () => {
		expect(hintsOf(table, {open: true})).toEqual([
			{key: 'y', label: 'yes'},
			{key: 'Enter', label: 'close'},
		]);
		expect(hintsOf(table, {open: false})).toEqual([{key: 'Enter', label: 'open'}]);
	});
});

describe("the screens' tables", () => {
	test('on a screen without a text input, every listed key has a handler', () => {
		const state = initialState({ref: {workspace: 'a', repo: 'b'}, defaults: {auth: 'prompt'}});
		const tables = [
			wizardKeysFor({...state, step: 'verify', verification: {status: 'running'}}),
			wizardKeysFor({
				...state,
				step: 'clone',
				clone: {status: 'failed', failure: {message: 'x', exitCode: 5}},
			}),
			fixRemoteKeys.remote,
			fixRemoteKeys.verifying,
			fixRemoteKeys.credentials,
			fixRemoteKeys.preview,
			scanFixKeys.checking,
			scanFixKeys.choose,
			scanFixKeys.applying,
		];
		for (const table of tables) {
			for (const row of table) {
				expect(row.press && row.run, `${row.key} ${String(row.label)}`).toBeTruthy();
			}
		}
	});
});

describe("the commit browser's tables", () => {
	test('every row has a handler: the browser has no text input of its own', () => {
		for (const table of [listScreen, filterScreen, detailScreen]) {
			for (const row of table) {
				expect(row.press && row.run, `${String(row.key)} ${String(row.label)}`).toBeTruthy();
			}
		}
	});

	test('drive the hint lines for the moment', () => {
		expect(hintLine(listScreen, {parents: 0, depth: 0})).toBe('? keys  q quit');
		expect(hintLine(filterScreen, {parents: 0, depth: 0}, ' · ')).toBe('Enter keep · Esc clear');
		expect(hintLine(detailScreen, {parents: 0, depth: 0}, ' · ')).toBe(
			'↑↓ scroll · y copy hash · o open · Esc list',
		);
		expect(hintLine(detailScreen, {parents: 1, depth: 0}, ' · ')).toContain('1 parent · ');
		expect(hintLine(detailScreen, {parents: 2, depth: 1}, ' · ')).toBe(
			'↑↓ scroll · 1-2 parents · y copy hash · o open · Esc back',
		);
	});

	test('drive the help: the rows marked for it, with their longer keys and words', () => {
		const [list, filter, details] = helpGroups();
		expect(list?.keys.map(([keys]) => keys)).toEqual([
			'↑ ↓  j k',
			'PgUp PgDn',
			'g  G',
			'Enter',
			'/',
			'b',
			'y',
			'o',
			'r',
			'q  Esc',
		]);
		expect(filter).toEqual({
			title: 'Filter',
			keys: [
				['type', 'narrow; a capital letter makes it case-sensitive'],
				['Enter', 'keep the filter and move through matches'],
				['Esc', 'clear it'],
				['Backspace', 'delete a character (Ctrl+U: all)'],
			],
		});
		expect(details?.keys.map(([keys]) => keys)).toEqual([
			'↑ ↓  PgUp PgDn',
			'1-9',
			'y',
			'o',
			'O',
			'Esc  q',
		]);
	});
});

describe('rowsAfterMove', () => {
	const table: KeyTable<{ran: string[]}> = [
		{key: 'Enter', label: 'continue', press: presses.enter, run: ({ran}) => ran.push('enter')},
		{key: 'n', label: 'cancel', press: presses.letter('n'), run: ({ran}) => ran.push('n')},
	];

	test("a key that reaches the previous screen's handler answers the screen now shown", () => {
		const context = {ran: [] as string[]};
		expect(runKey(rowsAfterMove(table, true), context, 'n', none)).toBe(true);
		expect(context.ran).toEqual(['n']);
	});

	test('except the Enter that moved the run on', () => {
		const context = {ran: [] as string[]};
		expect(runKey(rowsAfterMove(table, true), context, '\r', {...none, return: true})).toBe(false);
		expect(runKey(rowsAfterMove(table, false), context, '\r', {...none, return: true})).toBe(true);
		expect(context.ran).toEqual(['enter']);
	});

	test('also where a row takes Enter as one of its presses (a default No)', () => {
		const defaultNo: KeyTable<{ran: string[]}> = [
			{
				key: 'n',
				label: 'cancel',
				press: (input, key) => key.return || presses.letter('n')(input, key),
				run: ({ran}) => ran.push('n'),
			},
		];
		const context = {ran: [] as string[]};
		expect(runKey(rowsAfterMove(defaultNo, true), context, '\r', {...none, return: true})).toBe(
			false,
		);
		expect(runKey(rowsAfterMove(defaultNo, true), context, 'n', none)).toBe(true);
		expect(context.ran).toEqual(['n']);
	});
});
