/**
 * The browser's one key table: per screen, each binding's keys, what it does, its short
 * hint, and the action. The key handler (use-browser-keys), the `?` help and the hint lines
 * (header, filter line, detail footer) all read it, so a key documented is a key handled.
 */
import type {Key} from 'ink';
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
	/** The commit's web page, or (`build`) the page of the build that decides its mark. */
	open(entry: CommitEntry, what: 'commit' | 'build'): void;
};

type Run = (controls: BrowserControls, state: BrowserState, input: string, key: Key) => void;

/** What the detail footer's hints depend on. */
export type HintContext = {readonly parents: number; readonly depth: number};

type Hint = readonly [key: string, text: string];

export type Binding = {
	/** The keys as the help lists them. */
	readonly keys: string;
	readonly help: string;
	/** In the screen's hint line; none: the help lists it only. */
	readonly hint?: Hint | ((context: HintContext) => Hint | undefined);
	readonly matches: (input: string, key: Key) => boolean;
	readonly run: Run;
	/** False: left out of the `?` help (said elsewhere there). @default true */
	readonly inHelp?: boolean;
};

export type Screen = {
	readonly title: string;
	readonly bindings: readonly Binding[];
	/** Keys no binding matches (typing into a filter or search). */
	readonly otherwise?: Run;
};

type Test = (input: string, key: Key) => boolean;

/** Typed characters, without Ctrl or Alt. */
const typed =
	(...inputs: string[]): Test =>
	(input, key) =>
		!key.ctrl && !key.meta && inputs.includes(input);
const pressed =
	(...names: (keyof Key)[]): Test =>
	(_input, key) =>
		names.some((name) => key[name] === true);
const ctrl =
	(letter: string): Test =>
	(input, key) =>
		key.ctrl && input === letter;
const either =
	(...tests: Test[]): Test =>
	(input, key) =>
		tests.some((test) => test(input, key));

/** Typed text, including a paste; not escape sequences or control keys. */
export function isPrintable(input: string): boolean {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is excluded
	return input !== '' && !/[\u0000-\u001F\u007F-\u009F]/.test(input);
}

const up: Test = either(pressed('upArrow'), typed('k'));
const help: Run = (controls) => controls.dispatch({type: 'help-toggle'});
const quit: Run = (controls) => controls.quit('user');
const withCommit =
	(act: (controls: BrowserControls, commit: CommitEntry) => void): Run =>
	(controls, state) => {
		const commit = controls.commitIn(state);
		if (commit) {
			act(controls, commit);
		}
	};

/** Back to the whole list, on the commit that was under the cursor. */
function clearFilter(controls: BrowserControls, state: BrowserState): void {
	controls.dispatch({
		type: 'filter-clear',
		cursor: controls.unfilteredCursorIn(state),
		count: controls.loaded,
		viewport: controls.extent.viewport,
	});
}

/** Cursor movement, in the list and on the filter line (where letters are text). */
function movement(withLetters: boolean): Binding[] {
	const letters = (...inputs: string[]): Test => (withLetters ? typed(...inputs) : () => false);
	const inHelp = withLetters;
	return [
		{
			keys: withLetters ? '↑ ↓  j k' : '↑ ↓',
			help: 'move',
			inHelp,
			matches: either(pressed('upArrow', 'downArrow'), letters('j', 'k')),
			run: (controls, _state, input, key) =>
				controls.dispatch({
					type: 'move',
					delta: key.upArrow || input === 'k' ? -1 : 1,
					...controls.extent,
				}),
		},
		{
			keys: 'PgUp PgDn',
			help: 'page',
			inHelp,
			matches: pressed('pageUp', 'pageDown'),
			run: (controls, _state, _input, key) =>
				controls.dispatch({type: 'page', direction: key.pageUp ? -1 : 1, ...controls.extent}),
		},
		{
			keys: withLetters ? 'g  G' : 'Home End',
			help: 'top · bottom (G loads everything)',
			inHelp,
			matches: either(pressed('home', 'end'), letters('g', 'G')),
			run(controls, _state, input, key) {
				if (key.home || input === 'g') {
					controls.dispatch({type: 'top', ...controls.extent});
				} else {
					controls.dispatch({type: 'follow-end'});
					controls.loadAll();
				}
			},
		},
	];
}

export const listScreen: Screen = {
	title: 'List',
	bindings: [
		...movement(true),
		{
			keys: 'Enter',
			help: 'commit details and build statuses',
			matches: pressed('return'),
			run: withCommit((controls, commit) =>
				controls.dispatch({type: 'open-detail', hash: commit.hash}),
			),
		},
		{
			keys: '/',
			help: 'filter by message, author or hash',
			matches: typed('/'),
			run: (controls) => controls.dispatch({type: 'filter-start'}),
		},
		{
			keys: 'b',
			help: 'switch branch',
			matches: typed('b'),
			run: (controls) => controls.dispatch({type: 'branches-open'}),
		},
		{
			keys: 'y',
			help: 'copy the full hash (OSC 52)',
			matches: typed('y'),
			run: withCommit((controls, commit) => controls.copy(commit)),
		},
		{
			keys: 'o',
			help: 'open the commit on Bitbucket',
			matches: typed('o'),
			run: withCommit((controls, commit) => controls.open(commit, 'commit')),
		},
		{
			keys: 'r',
			help: 'refresh commits and build statuses (retry after an error)',
			matches: typed('r'),
			run: (controls) => controls.retryOrRefresh(),
		},
		{
			keys: '?',
			help: 'these keys',
			hint: ['?', 'keys'],
			inHelp: false,
			matches: typed('?'),
			run: help,
		},
		{
			keys: 'q  Esc',
			help: 'quit (Esc first clears a filter)',
			hint: ['q', 'quit'],
			matches: either(typed('q'), pressed('escape')),
			run: (controls, state, input) =>
				input !== 'q' && state.filter !== '' ? clearFilter(controls, state) : controls.quit('user'),
		},
	],
};

export const filterScreen: Screen = {
	title: 'Filter',
	bindings: [
		...movement(false),
		{
			keys: 'Enter',
			help: 'keep the filter and move through matches',
			hint: ['Enter', 'keep'],
			matches: pressed('return', 'tab'),
			run: (controls) => controls.dispatch({type: 'filter-confirm'}),
		},
		{
			keys: 'Esc',
			help: 'clear it',
			hint: ['Esc', 'clear'],
			matches: pressed('escape'),
			run: clearFilter,
		},
		{
			keys: 'Backspace',
			help: 'delete a character (Ctrl+U: all)',
			matches: either(pressed('backspace', 'delete'), ctrl('u')),
			run: (controls, state, _input, key) =>
				controls.dispatch({
					type: 'filter-type',
					text: key.ctrl ? '' : [...state.filter].slice(0, -1).join(''),
				}),
		},
	],
	otherwise(controls, state, input, key) {
		if (!key.ctrl && !key.meta && isPrintable(input)) {
			controls.dispatch({type: 'filter-type', text: state.filter + input});
		}
	},
};

export const detailScreen: Screen = {
	title: 'Details',
	bindings: [
		{
			keys: '↑ ↓  PgUp PgDn',
			help: 'scroll',
			hint: ['↑↓', 'scroll'],
			matches: either(
				pressed('upArrow', 'downArrow', 'pageUp', 'pageDown', 'home', 'end'),
				typed('j', 'k', ' ', 'g', 'G'),
			),
			run(controls, state, input, key) {
				const {detail} = controls;
				const scroll = state.mode.kind === 'detail' ? state.mode.scroll : 0;
				const to =
					key.home || input === 'g'
						? 0
						: key.end || input === 'G'
							? detail.maxScroll
							: key.pageUp
								? scroll - detail.page
								: key.pageDown || input === ' '
									? scroll + detail.page
									: scroll + (up(input, key) ? -1 : 1);
				controls.dispatch({type: 'detail-scroll', to: Math.max(0, Math.min(to, detail.maxScroll))});
			},
		},
		{
			keys: '1-9',
			help: 'go to that parent',
			hint: ({parents}) =>
				parents === 1 ? ['1', 'parent'] : parents > 1 ? [`1-${parents}`, 'parents'] : undefined,
			matches: (input, key) => !key.ctrl && !key.meta && /^[1-9]$/.test(input),
			run(controls, _state, input) {
				const parent = controls.detail.parents[Number(input) - 1];
				if (parent) {
					controls.dispatch({type: 'open-parent', hash: parent});
				}
			},
		},
		{
			keys: 'y',
			help: 'copy the full hash',
			hint: ['y', 'copy hash'],
			matches: typed('y'),
			run: withCommit((controls, commit) => controls.copy(commit)),
		},
		{
			keys: 'o',
			help: 'open the build that decides the mark (the commit when it has none)',
			hint: ['o', 'open'],
			matches: typed('o'),
			run: withCommit((controls, commit) => controls.open(commit, 'build')),
		},
		{
			keys: 'O',
			help: 'open the commit on Bitbucket',
			matches: typed('O'),
			run: withCommit((controls, commit) => controls.open(commit, 'commit')),
		},
		{keys: '?', help: 'these keys', inHelp: false, matches: typed('?'), run: help},
		{
			keys: 'Esc  q',
			help: 'back',
			hint: ({depth}) => ['Esc', depth > 0 ? 'back' : 'list'],
			matches: either(pressed('escape', 'leftArrow', 'backspace', 'delete'), typed('q')),
			run: (controls) => controls.dispatch({type: 'detail-back'}),
		},
	],
};

export const branchScreen: Screen = {
	title: 'Branches',
	bindings: [
		{
			keys: '↑ ↓',
			help: 'move',
			matches: either(pressed('upArrow', 'downArrow'), ctrl('p'), ctrl('n')),
			run: (controls, _state, input, key) =>
				controls.dispatch({
					type: 'branches-move',
					delta: key.upArrow || input === 'p' ? -1 : 1,
					count: controls.branchNames.length,
				}),
		},
		{
			keys: 'Enter',
			help: 'show that branch',
			matches: pressed('return'),
			run(controls, state) {
				const name =
					state.mode.kind === 'branches' ? controls.branchNames[state.mode.cursor] : undefined;
				if (name) {
					controls.chooseBranch(name);
				}
			},
		},
		{
			keys: 'Backspace',
			help: 'delete a character',
			matches: pressed('backspace', 'delete'),
			run: (controls, state) =>
				state.mode.kind === 'branches' &&
				controls.dispatch({
					type: 'branches-type',
					query: [...state.mode.query].slice(0, -1).join(''),
				}),
		},
		{
			keys: 'Esc',
			help: 'keep the branch shown',
			matches: pressed('escape'),
			run: (controls) => controls.dispatch({type: 'branches-close'}),
		},
	],
	otherwise(controls, state, input, key) {
		if (state.mode.kind === 'branches' && !key.ctrl && !key.meta && isPrintable(input)) {
			controls.dispatch({type: 'branches-type', query: state.mode.query + input});
		}
	},
};

/** A failure fills the screen: retry, help and quit. */
export const blockedScreen: Screen = {
	title: 'After an error',
	bindings: [
		{keys: 'r', help: 'retry', matches: typed('r'), run: (controls) => controls.retryOrRefresh()},
		{keys: '?', help: 'these keys', matches: typed('?'), run: help},
		{keys: 'q  Esc', help: 'quit', matches: either(typed('q'), pressed('escape')), run: quit},
	],
};

/** The screen whose keys apply in `state`; undefined on the help screen (any key closes it). */
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
