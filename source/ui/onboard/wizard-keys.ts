/**
 * The wizard's keys, one table per step (and one for a failure on screen): what the
 * wizard's handler does and what the hints footer lists. Rows without a press name keys
 * the step's input handles (the options form has its own table, optionsKeys).
 */
import type {Dispatch} from 'react';
import {type KeyBinding, type KeyTable, presses, shownOnly} from '../components/key-table.js';
import {optionsKeys} from './use-options-keys.js';
import type {Step, WizardAction, WizardState} from './wizard-state.js';
import {currentFailure} from './wizard-state.js';

export type WizardKeyContext = {
	readonly state: WizardState;
	readonly dispatch: Dispatch<WizardAction>;
};

type Binding = KeyBinding<WizardKeyContext>;

const quit: Binding = {
	key: 'Ctrl+C',
	label: 'quit',
	press: presses.ctrlC,
	run: ({dispatch}) => dispatch({type: 'quit', reason: 'interrupt'}),
};
const back: Binding = {
	key: 'Esc',
	label: 'back',
	press: presses.escape,
	run: ({dispatch}) => dispatch({type: 'back'}),
};
/** q where nothing is being typed: quits with the exit code of what is on screen. */
const quitKey = (label: Binding['label']): Binding => ({
	key: 'q',
	label,
	press: presses.letter('q'),
	run: ({dispatch}) => dispatch({type: 'quit', reason: 'request'}),
});
const verified = ({state}: WizardKeyContext) => state.verification?.status === 'done';
const emailChosen = ({state}: WizardKeyContext) => state.botEmail !== undefined;

const failureKeys: KeyTable<WizardKeyContext> = [
	back,
	quitKey(({state}) => `quit (exit ${currentFailure(state)?.exitCode})`),
	quit,
];

const stepKeys: Readonly<Record<Step, KeyTable<WizardKeyContext>>> = {
	repository: [{key: 'Enter', label: 'continue'}, {key: '↑/↓', label: 'recent'}, quit],
	token: [
		{key: 'Enter', label: 'check'},
		{key: 'Backspace', label: 'clear'},
		{...back, when: ({state}) => !state.skipRepository},
		quit,
	],
	verify: [
		{
			key: 'Enter',
			label: 'continue',
			when: verified,
			press: presses.enter,
			run: ({dispatch}) => dispatch({type: 'continue'}),
		},
		back,
		{...quitKey('quit'), shown: verified},
		quit,
	],
	options: [...shownOnly<WizardKeyContext>(optionsKeys), back, quit],
	clone: [{...quit, label: 'stop the clone (removes what it created) and quit'}],
	bot: [
		{key: 'Enter', label: 'continue', when: (context) => !emailChosen(context)},
		{key: '↑/↓', label: 'suggestions', when: (context) => !emailChosen(context)},
		{key: 'Enter', label: 'save', when: emailChosen},
		{...back, when: emailChosen},
		quit,
	],
	// The commit browser owns every key from here on.
	done: [],
};

/** The table for what is on screen: a failure's, else the step's. */
export function wizardKeysFor(state: WizardState): KeyTable<WizardKeyContext> {
	return currentFailure(state) ? failureKeys : stepKeys[state.step];
}
