/**
 * The keys of each fix-remote --scan screen, one table per phase: what the handler does and
 * what the hints footer lists. Ctrl+C works in every phase (unlisted in the list, where Esc
 * leaves the same way, and while applying, where it stops between two clones).
 */
import type {Key} from 'ink';
import {type KeyBinding, type KeyTable, presses} from '../components/key-table.js';
import type {Phase} from './use-scan-fix-state.js';

/** What the keys can do to the run (useScanFix's actions). */
export type ScanFixActions = {
	move(by: number): void;
	toggle(): void;
	toggleAll(): void;
	/** Applies the ticked changes (or leaves, nothing changed, when none is ticked). */
	apply(): void;
	cancel(): void;
	interrupt(): void;
};

export type ScanFixKeyContext = {
	readonly actions: ScanFixActions;
	/** No clone can be moved onto the token: the list has nothing to choose. */
	readonly empty: boolean;
};

type Binding = KeyBinding<ScanFixKeyContext>;

const quit: Binding = {
	key: 'Ctrl+C',
	label: 'quit',
	press: presses.ctrlC,
	run: ({actions}) => actions.interrupt(),
};
const quitUnlisted: Binding = {...quit, shown: false};
const choosing = ({empty}: ScanFixKeyContext) => !empty;
const up = (input: string, key: Key) => key.upArrow || presses.letter('k')(input, key);
const down = (input: string, key: Key) => key.downArrow || presses.letter('j')(input, key);

export const scanFixKeys: Readonly<Record<Phase, KeyTable<ScanFixKeyContext>>> = {
	token: [{key: 'Enter', label: 'check'}, quit],
	checking: [quit],
	choose: [
		{
			key: '↑/↓',
			label: 'move',
			when: choosing,
			press: (input, key) => up(input, key) || down(input, key),
			run: ({actions}, input, key) => actions.move(up(input, key) ? -1 : 1),
		},
		{
			key: 'Space',
			label: 'tick/untick',
			when: choosing,
			press: (input, key) => !key.ctrl && !key.meta && input === ' ',
			run: ({actions}) => actions.toggle(),
		},
		{
			key: 'a',
			label: 'all',
			when: choosing,
			press: presses.letter('a'),
			run: ({actions}) => actions.toggleAll(),
		},
		{
			key: 'Enter',
			label: 'apply',
			when: choosing,
			press: presses.enter,
			run: ({actions}) => actions.apply(),
		},
		{
			key: 'Esc',
			label: ({empty}) => (empty ? 'leave' : 'cancel'),
			press: (input, key) => key.escape || presses.letter('q')(input, key),
			run: ({actions}) => actions.cancel(),
		},
		quitUnlisted,
	],
	applying: [quitUnlisted],
	done: [],
};
