/** The keys of the details, the branch picker, the screen a failure fills, and the help. */
import {presses} from '../components/key-table.js';
import {type BrowserTable, helpKey, up, withCommit} from './key-bindings.js';

const {either, named, typed} = presses;

export const detailScreen: BrowserTable = [
	{
		key: '↑↓',
		label: 'scroll',
		helpKey: '↑ ↓  PgUp PgDn',
		help: true,
		press: either(
			named('upArrow', 'downArrow', 'pageUp', 'pageDown', 'home', 'end'),
			typed('j', 'k', ' ', 'g', 'G'),
		),
		run({controls, state}, input, key) {
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
		key: ({parents}) => (parents === 1 ? '1' : `1-${parents}`),
		label: ({parents}) => (parents === 1 ? 'parent' : 'parents'),
		shown: ({parents}) => parents > 0,
		helpKey: '1-9',
		help: 'go to that parent',
		press: (input, key) => !key.ctrl && !key.meta && /^[1-9]$/.test(input),
		run({controls}, input) {
			const parent = controls.detail.parents[Number(input) - 1];
			if (parent) {
				controls.dispatch({type: 'open-parent', hash: parent});
			}
		},
	},
	{
		key: 'y',
		label: 'copy hash',
		help: 'copy the full hash',
		press: typed('y'),
		run: withCommit((controls, commit) => controls.copy(commit)),
	},
	{
		key: 'o',
		label: 'open',
		help: 'open the build that decides the mark (the commit when it has none)',
		press: typed('o'),
		run: withCommit((controls, commit) => controls.open(commit, 'build')),
	},
	{
		key: 'O',
		label: 'open the commit on Bitbucket',
		shown: false,
		help: true,
		press: typed('O'),
		run: withCommit((controls, commit) => controls.open(commit, 'commit')),
	},
	{...helpKey, shown: false},
	{
		key: 'Esc',
		label: ({depth}) => (depth > 0 ? 'back' : 'list'),
		helpKey: 'Esc  q',
		help: 'back',
		press: either(named('escape', 'leftArrow', 'backspace', 'delete'), typed('q')),
		run: ({controls}) => controls.dispatch({type: 'detail-back'}),
	},
];

export const branchScreen: BrowserTable = [
	{
		key: '↑ ↓',
		label: 'move',
		press: either(named('upArrow', 'downArrow'), presses.ctrl('p'), presses.ctrl('n')),
		run: ({controls}, input, key) =>
			controls.dispatch({
				type: 'branches-move',
				delta: key.upArrow || input === 'p' ? -1 : 1,
				count: controls.branchNames.length,
			}),
	},
	{
		key: 'Enter',
		label: 'show that branch',
		press: named('return'),
		run({controls, state}) {
			const name =
				state.mode.kind === 'branches' ? controls.branchNames[state.mode.cursor] : undefined;
			if (name) {
				controls.chooseBranch(name);
			}
		},
	},
	{
		key: 'Backspace',
		label: 'delete a character',
		press: named('backspace', 'delete'),
		run: ({controls, state}) =>
			state.mode.kind === 'branches' &&
			controls.dispatch({
				type: 'branches-type',
				query: [...state.mode.query].slice(0, -1).join(''),
			}),
	},
	{
		key: 'Esc',
		label: 'keep the branch shown',
		press: named('escape'),
		run: ({controls}) => controls.dispatch({type: 'branches-close'}),
	},
	{
		key: 'type',
		label: 'narrow the branches',
		press: presses.text,
		run: ({controls, state}, input) =>
			state.mode.kind === 'branches' &&
			controls.dispatch({type: 'branches-type', query: state.mode.query + input}),
	},
];

/** A failure fills the screen: retry, help and quit. */
export const blockedScreen: BrowserTable = [
	{key: 'r', label: 'retry', press: typed('r'), run: ({controls}) => controls.retryOrRefresh()},
	helpKey,
	{
		key: 'q  Esc',
		label: 'quit',
		press: either(typed('q'), named('escape')),
		run: ({controls}) => controls.quit('user'),
	},
];

/** On the `?` help, any key closes it. */
export const helpScreen: BrowserTable = [
	{
		key: 'any key',
		label: 'closes this help',
		press: () => true,
		run: ({controls}) => controls.dispatch({type: 'help-toggle'}),
	},
];
