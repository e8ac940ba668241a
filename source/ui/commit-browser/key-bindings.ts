/**
 * The parts the browser's key tables (key-table.ts) are made of, in the shared key-table
 * form: the context their actions reach, and the actions and rows the screens share.
 */
import type {CommitEntry} from '../../commits/commit-entry.js';
import {type KeyBinding, type KeyTable, presses} from '../components/key-table.js';
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

/** What the detail footer's hints depend on: the commit's parents, the parents visited. */
export type HintContext = {readonly parents: number; readonly depth: number};

/** What a key acts on: the controls and the state it was pressed in. */
export type BrowserKeys = HintContext & {
	readonly controls: BrowserControls;
	readonly state: BrowserState;
};

export type Binding = KeyBinding<BrowserKeys, HintContext>;
export type BrowserTable = KeyTable<BrowserKeys, HintContext>;

export const up = presses.either(presses.named('upArrow'), presses.typed('k'));
export const helpKey: Binding = {
	key: '?',
	label: 'keys',
	press: presses.typed('?'),
	run: ({controls}) => controls.dispatch({type: 'help-toggle'}),
};
export const withCommit =
	(act: (controls: BrowserControls, commit: CommitEntry) => void): Binding['run'] =>
	({controls, state}) => {
		const commit = controls.commitIn(state);
		if (commit) {
			act(controls, commit);
		}
	};

/** Back to the whole list, on the commit that was under the cursor. */
export function clearFilter({controls, state}: BrowserKeys): void {
	controls.dispatch({
		type: 'filter-clear',
		cursor: controls.unfilteredCursorIn(state),
		count: controls.loaded,
		viewport: controls.extent.viewport,
	});
}

/** Cursor movement, in the list and on the filter line (where letters are text). */
export function movement(withLetters: boolean): Binding[] {
	const letters = (...inputs: string[]) => (withLetters ? presses.typed(...inputs) : () => false);
	return [
		{
			key: withLetters ? '↑ ↓  j k' : '↑ ↓',
			label: 'move',
			shown: false,
			help: withLetters,
			press: presses.either(presses.named('upArrow', 'downArrow'), letters('j', 'k')),
			run: ({controls}, input, key) =>
				controls.dispatch({
					type: 'move',
					delta: key.upArrow || input === 'k' ? -1 : 1,
					...controls.extent,
				}),
		},
		{
			key: 'PgUp PgDn',
			label: 'page',
			shown: false,
			help: withLetters,
			press: presses.named('pageUp', 'pageDown'),
			run: ({controls}, _input, key) =>
				controls.dispatch({type: 'page', direction: key.pageUp ? -1 : 1, ...controls.extent}),
		},
		{
			key: withLetters ? 'g  G' : 'Home End',
			label: 'top · bottom (G loads everything)',
			shown: false,
			help: withLetters,
			press: presses.either(presses.named('home', 'end'), letters('g', 'G')),
			run({controls}, input, key) {
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
