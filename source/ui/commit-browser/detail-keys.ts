/** The keys of the details, the branch picker, and the screen a failure fills. */
import {
	ctrl,
	either,
	help,
	isPrintable,
	pressed,
	quit,
	type Screen,
	typed,
	up,
	withCommit,
} from './key-bindings.js';

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
