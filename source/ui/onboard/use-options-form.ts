/**
 * State of the clone options form: the focused field and each field's value. The reducer
 * is exported for tests; choicesOf turns a valid form into the wizard's CloneChoices.
 */

import type {AuthMode} from '../../core/context.js';
import {useSyncReducer} from '../components/use-sync-reducer.js';
import type {CloneChoices} from './wizard-state.js';

export type OptionsField = 'dir' | 'branch' | 'history' | 'depth' | 'auth';

export type OptionsForm = {
	readonly focus: OptionsField;
	readonly dir: string;
	/** Branch names to choose from; empty for an empty repository. */
	readonly branches: readonly string[];
	readonly branchIndex: number;
	readonly shallow: boolean;
	readonly depthText: string;
	readonly auth: AuthMode;
	/** The modes Auth cycles through: helper first when a safe credential helper is configured. */
	readonly authModes: readonly AuthMode[];
};

export type OptionsFormAction =
	| {type: 'focus'; delta: 1 | -1}
	| {type: 'cycle'; delta: 1 | -1}
	| {type: 'dir'; value: string}
	| {type: 'depth'; value: string};

/** Helper first (and recommended) when the user has a helper that keeps tokens out of plain text. */
export function authModesFor(helperAvailable: boolean): readonly AuthMode[] {
	return helperAvailable ? ['helper', 'prompt', 'embed'] : ['prompt', 'embed'];
}
/** Shallow clones start at one commit, like `git clone --depth 1`, unless a depth was given. */
const defaultDepth = 1;

export function initialForm(
	choices: CloneChoices,
	branches: readonly string[],
	authModes: readonly AuthMode[] = authModesFor(false),
): OptionsForm {
	const branchIndex = choices.branch === undefined ? 0 : branches.indexOf(choices.branch);
	return {
		focus: 'dir',
		dir: choices.dir,
		// A branch named by --branch but not listed is kept as the only choice; the clone reports it.
		branches:
			choices.branch !== undefined && branchIndex === -1 ? [choices.branch, ...branches] : branches,
		branchIndex: Math.max(0, branchIndex),
		shallow: choices.depth !== undefined,
		depthText: String(choices.depth ?? defaultDepth),
		auth: choices.auth,
		authModes,
	};
}

export function fieldsOf(form: OptionsForm): OptionsField[] {
	return [
		'dir',
		...(form.branches.length > 1 ? (['branch'] as const) : []),
		'history',
		...(form.shallow ? (['depth'] as const) : []),
		'auth',
	];
}

function wrap(index: number, length: number): number {
	return ((index % length) + length) % length;
}

export function optionsFormReducer(form: OptionsForm, action: OptionsFormAction): OptionsForm {
	switch (action.type) {
		case 'focus': {
			const fields = fieldsOf(form);
			const index = wrap(fields.indexOf(form.focus) + action.delta, fields.length);
			return {...form, focus: fields[index]!};
		}

		case 'cycle': {
			if (form.focus === 'branch' && form.branches.length > 0) {
				return {...form, branchIndex: wrap(form.branchIndex + action.delta, form.branches.length)};
			}

			if (form.focus === 'history') {
				return {...form, shallow: !form.shallow};
			}

			if (form.focus === 'auth') {
				const {authModes} = form;
				const index = wrap(authModes.indexOf(form.auth) + action.delta, authModes.length);
				return {...form, auth: authModes[index]!};
			}

			return form;
		}

		case 'dir': {
			return {...form, dir: action.value};
		}

		case 'depth': {
			return {...form, depthText: action.value};
		}
	}
}

/** Why the depth cannot be used, or undefined. */
export function depthProblem(form: OptionsForm): string | undefined {
	if (!form.shallow) {
		return undefined;
	}

	return /^\d+$/.test(form.depthText.trim()) && Number(form.depthText) >= 1
		? undefined
		: 'The depth is a whole number of commits, 1 or more.';
}

export function choicesOf(form: OptionsForm): CloneChoices {
	const branch = form.branches[form.branchIndex];
	return {
		dir: form.dir.trim(),
		auth: form.auth,
		...(branch === undefined ? {} : {branch}),
		...(form.shallow ? {depth: Number(form.depthText.trim())} : {}),
	};
}

/** The form, its dispatch, and the form including keys not yet rendered (for Enter). */
export function useOptionsForm(
	choices: CloneChoices,
	branches: readonly string[],
	authModes: readonly AuthMode[],
) {
	return useSyncReducer(optionsFormReducer, () => initialForm(choices, branches, authModes));
}
