/** The key hints footer for each moment of the wizard. */
import type {KeyHint} from '../components/key-hints.js';
import {currentFailure, type WizardState} from './wizard-state.js';

const quit: KeyHint = {key: 'Ctrl+C', label: 'quit'};
const back: KeyHint = {key: 'Esc', label: 'back'};

export function hintsFor(state: WizardState): KeyHint[] {
	const failure = currentFailure(state);
	if (failure) {
		return [back, {key: 'q', label: `quit (exit ${failure.exitCode})`}, quit];
	}

	switch (state.step) {
		case 'repository':
			return [{key: 'Enter', label: 'continue'}, {key: '↑/↓', label: 'recent'}, quit];
		case 'token':
			return [
				{key: 'Enter', label: 'check'},
				{key: 'Backspace', label: 'clear'},
				...(state.skipRepository ? [] : [back]),
				quit,
			];
		case 'verify':
			return state.verification?.status === 'done'
				? [{key: 'Enter', label: 'continue'}, back, {key: 'q', label: 'quit'}, quit]
				: [back, quit];
		case 'options':
			return [
				{key: 'Enter', label: 'clone'},
				{key: '↑/↓', label: 'field'},
				{key: '←/→', label: 'change'},
				back,
				quit,
			];
		case 'clone':
			return [{key: 'Ctrl+C', label: 'stop the clone (removes what it created) and quit'}];
		case 'bot':
			return state.botEmail === undefined
				? [{key: 'Enter', label: 'continue'}, {key: '↑/↓', label: 'suggestions'}, quit]
				: [{key: 'Enter', label: 'save'}, back, quit];
		case 'done':
			return [];
	}
}
