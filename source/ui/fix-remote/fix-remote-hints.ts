/** The key hints footer for each step of fix-remote. */
import type {KeyHint} from '../components/key-hints.js';
import type {StepName} from './use-fix-remote-state.js';

const quit: KeyHint = {key: 'Ctrl+C', label: 'quit'};

export type HintOptions = {
	readonly nothingToDo: boolean;
	/** The preview's diff is taller than its window. */
	readonly scrollable?: boolean;
};

export function hintsFor(step: StepName, options: HintOptions): KeyHint[] {
	switch (step) {
		case 'remote':
			return [{key: '↑/↓', label: 'choose'}, {key: 'Enter', label: 'use this remote'}, quit];
		case 'token':
			return [{key: 'Enter', label: 'check'}, {key: 'Backspace', label: 'clear'}, quit];
		case 'verifying':
			return [quit];
		case 'email':
			return [{key: 'Enter', label: 'continue'}, {key: 'Ctrl+U', label: 'clear'}, quit];
		case 'credentials':
			return [{key: 'y', label: 'remove them'}, {key: 'n', label: 'keep them'}, quit];
		case 'preview':
			return [
				{key: 'y', label: options.nothingToDo ? 'done' : 'apply'},
				{key: 'n', label: 'cancel'},
				...(options.scrollable ? [{key: '↑/↓', label: 'scroll'}] : []),
				quit,
			];
		case 'applying':
		case 'finished':
			return [];
	}
}
