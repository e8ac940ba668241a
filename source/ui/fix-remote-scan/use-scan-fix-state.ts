/**
 * The interactive fix-remote --scan as a reducer: token → checking → choose (a ticked list of
 * every change) → applying → done. Pure, so the flow is testable without a terminal.
 */
import type {ExitCode} from '../../core/errors.js';
import type {CloneResult} from '../../use-cases/fix-remote-scan/apply.js';
import type {ScanFixPlan} from '../../use-cases/fix-remote-scan/plan.js';

export type Phase = 'token' | 'checking' | 'choose' | 'applying' | 'done';

export type ScanFixState = {
	readonly phase: Phase;
	readonly token?: string;
	readonly tokenError?: string;
	readonly checked: {readonly done: number; readonly total: number};
	readonly plan?: ScanFixPlan;
	/** Roots of the ticked clones. */
	readonly selected: ReadonlySet<string>;
	readonly cursor: number;
	readonly results: readonly CloneResult[];
	readonly lines: readonly string[];
	readonly exitCode?: ExitCode;
};

export type ScanFixAction =
	| {type: 'token'; token: string}
	| {type: 'tokenRefused'; message: string}
	| {type: 'progress'; done: number; total: number}
	| {type: 'planned'; plan: ScanFixPlan}
	| {type: 'move'; by: number}
	| {type: 'toggle'}
	| {type: 'toggleAll'}
	| {type: 'apply'}
	| {type: 'result'; result: CloneResult}
	| {type: 'finish'; lines: readonly string[]; exitCode: ExitCode};

export function initialState(token: string | undefined): ScanFixState {
	return {
		phase: token === undefined ? 'token' : 'checking',
		...(token === undefined ? {} : {token}),
		checked: {done: 0, total: 0},
		selected: new Set(),
		cursor: 0,
		results: [],
		lines: [],
	};
}

export function scanFixReducer(state: ScanFixState, action: ScanFixAction): ScanFixState {
	if (state.phase === 'done') {
		return state;
	}

	switch (action.type) {
		case 'token':
			return {...state, phase: 'checking', token: action.token};
		case 'tokenRefused':
			return {...state, tokenError: action.message};
		case 'progress':
			return {...state, checked: {done: action.done, total: action.total}};
		case 'planned':
			return {
				...state,
				phase: 'choose',
				plan: action.plan,
				selected: new Set(action.plan.changes.map((change) => change.candidate.root)),
			};
		case 'move': {
			const count = state.plan?.changes.length ?? 0;
			return {...state, cursor: Math.max(0, Math.min(count - 1, state.cursor + action.by))};
		}

		case 'toggle': {
			const root = state.plan?.changes[state.cursor]?.candidate.root;
			if (state.phase !== 'choose' || root === undefined) {
				return state;
			}

			const selected = new Set(state.selected);
			if (!selected.delete(root)) {
				selected.add(root);
			}

			return {...state, selected};
		}

		case 'toggleAll': {
			const roots = state.plan?.changes.map((change) => change.candidate.root) ?? [];
			const all = roots.every((root) => state.selected.has(root));
			return state.phase === 'choose' ? {...state, selected: new Set(all ? [] : roots)} : state;
		}

		case 'apply':
			return state.phase === 'choose' ? {...state, phase: 'applying'} : state;
		case 'result':
			return {...state, results: [...state.results, action.result]};
		case 'finish':
			return {...state, phase: 'done', lines: action.lines, exitCode: action.exitCode};
	}
}
