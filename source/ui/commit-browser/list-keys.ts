/** The list's and the filter line's keys. */
import {presses} from '../components/key-table.js';
import {type BrowserTable, clearFilter, helpKey, movement, withCommit} from './key-bindings.js';

/** Rows the `?` help lists and the header leaves out. */
const helpOnly = {shown: false, help: true} as const;

export const listScreen: BrowserTable = [
	...movement(true),
	{
		key: 'Enter',
		label: 'commit details and build statuses',
		...helpOnly,
		press: presses.named('return'),
		run: withCommit((controls, commit) =>
			controls.dispatch({type: 'open-detail', hash: commit.hash}),
		),
	},
	{
		key: '/',
		label: 'filter by message, author or hash',
		...helpOnly,
		press: presses.typed('/'),
		run: ({controls}) => controls.dispatch({type: 'filter-start'}),
	},
	{
		key: 'b',
		label: 'switch branch',
		...helpOnly,
		press: presses.typed('b'),
		run: ({controls}) => controls.dispatch({type: 'branches-open'}),
	},
	{
		key: 'y',
		label: 'copy the full hash (OSC 52)',
		...helpOnly,
		press: presses.typed('y'),
		run: withCommit((controls, commit) => controls.copy(commit)),
	},
	{
		key: 'o',
		label: 'open the commit on Bitbucket',
		...helpOnly,
		press: presses.typed('o'),
		run: withCommit((controls, commit) => controls.open(commit, 'commit')),
	},
	{
		key: 'r',
		label: 'refresh commits and build statuses (retry after an error)',
		...helpOnly,
		press: presses.typed('r'),
		run: ({controls}) => controls.retryOrRefresh(),
	},
	helpKey,
	{
		key: 'q',
		label: 'quit',
		helpKey: 'q  Esc',
		help: 'quit (Esc first clears a filter)',
		press: presses.either(presses.typed('q'), presses.named('escape')),
		run: (context, input) =>
			input !== 'q' && context.state.filter !== ''
				? clearFilter(context)
				: context.controls.quit('user'),
	},
];

export const filterScreen: BrowserTable = [
	{
		key: 'type',
		label: 'narrow; a capital letter makes it case-sensitive',
		...helpOnly,
		// No other row of the filter line takes a printable key, so typing may come first.
		press: presses.text,
		run: ({controls, state}, input) =>
			controls.dispatch({type: 'filter-type', text: state.filter + input}),
	},
	...movement(false),
	{
		key: 'Enter',
		label: 'keep',
		help: 'keep the filter and move through matches',
		press: presses.named('return', 'tab'),
		run: ({controls}) => controls.dispatch({type: 'filter-confirm'}),
	},
	{
		key: 'Esc',
		label: 'clear',
		help: 'clear it',
		press: presses.named('escape'),
		run: clearFilter,
	},
	{
		key: 'Backspace',
		label: 'delete a character (Ctrl+U: all)',
		...helpOnly,
		press: presses.either(presses.named('backspace', 'delete'), presses.ctrl('u')),
		run: ({controls, state}, _input, key) =>
			controls.dispatch({
				type: 'filter-type',
				text: key.ctrl ? '' : [...state.filter].slice(0, -1).join(''),
			}),
	},
];
