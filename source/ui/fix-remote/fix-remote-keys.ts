/**
 * The keys of each fix-remote screen, one table per step: what the handler does and what
 * the hints footer lists. Ctrl+C works on every step (unlisted once the config is being
 * written); Enter answers the y/N questions with their default, n.
 */
import type {Key} from 'ink';
import type {BitbucketRemote} from '../../use-cases/fix-remote/remote-choice.js';
import {type KeyBinding, type KeyTable, presses} from '../components/key-table.js';
import type {FixRemote} from './use-fix-remote.js';
import type {StepName} from './use-fix-remote-state.js';

export type FixRemoteKeyContext = {
	readonly flow: FixRemote;
	/** The remotes offered on the remote step. */
	readonly candidates: readonly BitbucketRemote[];
	/** --yes: the preview asks nothing. */
	readonly autoConfirm: boolean;
	/** The preview would write nothing. */
	readonly nothingToDo: boolean;
	/** The preview's diff is taller than its window. */
	readonly scrollable: boolean;
	/** Moves the preview's diff by this many rows (clamped by the caller). */
	readonly scrollDiff: (delta: number) => void;
	/** Rows PgUp/PgDn move the diff. */
	readonly diffPage: number;
};

type Binding = KeyBinding<FixRemoteKeyContext>;

const quit: Binding = {
	key: 'Ctrl+C',
	label: 'quit',
	press: presses.ctrlC,
	run: ({flow}) => flow.interrupt(),
};
const quitUnlisted: Binding = {...quit, shown: false};
const yes = presses.letter('y');
/** n, or Enter: the default answer. */
const no = (input: string, key: Key) => key.return || presses.letter('n')(input, key);
const asking = ({autoConfirm}: FixRemoteKeyContext) => !autoConfirm;

export const fixRemoteKeys: Readonly<Record<StepName, KeyTable<FixRemoteKeyContext>>> = {
	remote: [
		{
			key: '↑/↓',
			label: 'choose',
			press: presses.upDown,
			run: ({flow}, _input, key) => flow.moveCursor(key.upArrow ? -1 : 1),
		},
		{
			key: 'Enter',
			label: 'use this remote',
			press: presses.enter,
			run({flow, candidates}) {
				const chosen = candidates[flow.current().remoteCursor];
				if (chosen) {
					flow.chooseRemote(chosen);
				}
			},
		},
		quit,
	],
	token: [{key: 'Enter', label: 'check'}, {key: 'Backspace', label: 'clear'}, quit],
	verifying: [quit],
	email: [{key: 'Enter', label: 'continue'}, {key: 'Ctrl+U', label: 'clear'}, quit],
	credentials: [
		{key: 'y', label: 'remove them', press: yes, run: ({flow}) => flow.decideStrip(true)},
		{key: 'n', label: 'keep them', press: no, run: ({flow}) => flow.decideStrip(false)},
		quit,
	],
	preview: [
		{
			key: 'y',
			label: ({nothingToDo}) => (nothingToDo ? 'done' : 'apply'),
			when: asking,
			press: yes,
			run: ({flow}) => flow.confirm(),
		},
		{key: 'n', label: 'cancel', when: asking, press: no, run: ({flow}) => flow.cancel()},
		{
			key: '↑/↓',
			label: 'scroll',
			// With --yes the change is being written: nothing is offered, but the diff still scrolls.
			shown: (context) => context.scrollable && asking(context),
			press: presses.upDown,
			run: ({scrollDiff}, _input, key) => scrollDiff(key.upArrow ? -1 : 1),
		},
		{
			key: 'PgUp/PgDn',
			label: 'page',
			shown: false,
			press: presses.pageUpDown,
			run: ({scrollDiff, diffPage}, _input, key) => scrollDiff(key.pageUp ? -diffPage : diffPage),
		},
		{...quit, shown: asking},
	],
	applying: [quitUnlisted],
	finished: [],
};
