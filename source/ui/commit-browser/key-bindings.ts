/**
 * The parts the browser's key table (key-table.ts) is made of: what a binding is, the
 * controls its actions reach, and small key matchers and actions the screens share.
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

export type Run = (controls: BrowserControls, state: BrowserState, input: string, key: Key) => void;

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

export type Test = (input: string, key: Key) => boolean;

/** Typed characters, without Ctrl or Alt. */
export const typed =
	(...inputs: string[]): Test =>
	(input, key) =>
		!key.ctrl && !key.meta && inputs.includes(input);
export const pressed =
	(...names: (keyof Key)[]): Test =>
	(_input, key) =>
		names.some((name) => key[name] === true);
export const ctrl =
	(letter: string): Test =>
	(input, key) =>
		key.ctrl && input === letter;
export const either =
	(...tests: Test[]): Test =>
	(input, key) =>
		tests.some((test) => test(input, key));

/** Typed text, including a paste; not escape sequences or control keys. */
export function isPrintable(input: string): boolean {
	// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is excluded
	return input !== '' && !/[\u0000-\u001F\u007F-\u009F]/.test(input);
}

export const up: Test = either(pressed('upArrow'), typed('k'));
export const help: Run = (controls) => controls.dispatch({type: 'help-toggle'});
export const quit: Run = (controls) => controls.quit('user');
export const withCommit =
	(act: (controls: BrowserControls, commit: CommitEntry) => void): Run =>
	(controls, state) => {
		const commit = controls.commitIn(state);
		if (commit) {
			act(controls, commit);
		}
	};

/** Back to the whole list, on the commit that was under the cursor. */
export function clearFilter(controls: BrowserControls, state: BrowserState): void {
	controls.dispatch({
		type: 'filter-clear',
		cursor: controls.unfilteredCursorIn(state),
		count: controls.loaded,
		viewport: controls.extent.viewport,
	});
}

/** Cursor movement, in the list and on the filter line (where letters are text). */
export function movement(withLetters: boolean): Binding[] {
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
