/** The list's and the filter line's keys. */
import {
	clearFilter,
	ctrl,
	either,
	help,
	isPrintable,
	movement,
	pressed,
	type Screen,
	typed,
	withCommit,
} from './key-bindings.js';

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
