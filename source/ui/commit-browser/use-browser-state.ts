/**
 * The commit browser's view state and every transition, as one reducer: which screen is up
 * (list, detail, branch picker, help), the list cursor and scroll offset, the filter text,
 * and the one-line notice. Counts and viewport heights come with each action, so the
 * reducer stays pure and the list itself lives in the feed.
 */
import {useCallback, useRef, useState} from 'react';

export type Notice = {readonly text: string; readonly tone: 'info' | 'warning'};

export type Mode =
	| {readonly kind: 'list'}
	| {
			readonly kind: 'detail';
			readonly hash: string;
			/** Commits shown before this one (parents visited), for going back. */
			readonly history: readonly string[];
			readonly scroll: number;
	  }
	| {readonly kind: 'branches'; readonly query: string; readonly cursor: number}
	| {readonly kind: 'help'; readonly previous: Mode};

export type BrowserState = {
	readonly mode: Mode;
	readonly cursor: number;
	readonly offset: number;
	readonly filter: string;
	/** True while the filter line has the keyboard. */
	readonly filtering: boolean;
	/** `G` pressed: the cursor stays on the last commit while the rest loads. */
	readonly followEnd: boolean;
	readonly notice: Notice | undefined;
};

/** Rows in the list and rows the list can show. */
export type Extent = {readonly count: number; readonly viewport: number};

export type BrowserAction =
	| ({readonly type: 'move'; readonly delta: number} & Extent)
	| ({readonly type: 'page'; readonly direction: 1 | -1} & Extent)
	| ({readonly type: 'top'} & Extent)
	| {readonly type: 'follow-end'}
	| {readonly type: 'filter-start'}
	| {readonly type: 'filter-type'; readonly text: string}
	| {readonly type: 'filter-confirm'}
	/** `cursor`: where the selected commit sits in the unfiltered list. */
	| ({readonly type: 'filter-clear'; readonly cursor: number} & Extent)
	| {readonly type: 'open-detail'; readonly hash: string}
	| {readonly type: 'open-parent'; readonly hash: string}
	| {readonly type: 'detail-back'}
	| {readonly type: 'detail-scroll'; readonly to: number}
	| {readonly type: 'branches-open'}
	| {readonly type: 'branches-type'; readonly query: string}
	| {readonly type: 'branches-move'; readonly delta: number; readonly count: number}
	| {readonly type: 'branches-close'}
	/** A new branch or a refresh: back to the newest commit of a fresh list. */
	| {readonly type: 'reset'}
	| {readonly type: 'help-toggle'}
	| {readonly type: 'notice'; readonly notice: Notice | undefined};

export const initialBrowserState: BrowserState = {
	mode: {kind: 'list'},
	cursor: 0,
	offset: 0,
	filter: '',
	filtering: false,
	followEnd: false,
	notice: undefined,
};

/**
 * The state, a dispatch, and a reader of the state as of the last dispatch. Keys that arrive
 * in one burst (a paste, a fast typist, `tmux send-keys`) are handled before React
 * re-renders; reading the state through `current()` routes each of them by the state the
 * previous one left, not by the last render's.
 */
export function useBrowserState(): [
	BrowserState,
	(action: BrowserAction) => void,
	() => BrowserState,
] {
	const latest = useRef(initialBrowserState);
	const [state, setState] = useState(initialBrowserState);
	const dispatch = useCallback((action: BrowserAction) => {
		latest.current = browserReducer(latest.current, action);
		setState(latest.current);
	}, []);
	const current = useCallback(() => latest.current, []);
	return [state, dispatch, current];
}

export function browserReducer(state: BrowserState, action: BrowserAction): BrowserState {
	switch (action.type) {
		case 'move': {
			const {cursor, offset} = position(state, action);
			return {...state, followEnd: false, ...scrollTo(cursor + action.delta, offset, action)};
		}

		case 'page': {
			const {cursor, offset} = position(state, action);
			const step = Math.max(1, action.viewport) * action.direction;
			const paged = clampOffset(offset + step, action);
			return {...state, followEnd: false, ...scrollTo(cursor + step, paged, action)};
		}

		case 'top':
			return {...state, followEnd: false, cursor: 0, offset: 0};
		case 'follow-end':
			return {...state, followEnd: true};
		case 'filter-start':
			return {...state, filtering: true};
		case 'filter-type':
			return action.text === state.filter
				? state
				: {...state, filter: action.text, cursor: 0, offset: 0, followEnd: false};
		case 'filter-confirm':
			return {...state, filtering: false};
		case 'filter-clear':
			return {
				...state,
				filter: '',
				filtering: false,
				...scrollTo(
					action.cursor,
					Math.max(0, action.cursor - Math.floor(action.viewport / 2)),
					action,
				),
			};
		case 'open-detail':
			return {
				...state,
				filtering: false,
				mode: {kind: 'detail', hash: action.hash, history: [], scroll: 0},
			};
		case 'open-parent':
			return state.mode.kind === 'detail'
				? {
						...state,
						mode: {
							kind: 'detail',
							hash: action.hash,
							history: [...state.mode.history, state.mode.hash],
							scroll: 0,
						},
					}
				: state;
		case 'detail-back': {
			if (state.mode.kind !== 'detail') {
				return state;
			}

			const previous = state.mode.history.at(-1);
			return previous === undefined
				? {...state, mode: {kind: 'list'}}
				: {
						...state,
						mode: {
							kind: 'detail',
							hash: previous,
							history: state.mode.history.slice(0, -1),
							scroll: 0,
						},
					};
		}

		case 'detail-scroll':
			return state.mode.kind === 'detail'
				? {...state, mode: {...state.mode, scroll: Math.max(0, action.to)}}
				: state;
		case 'branches-open':
			return {...state, filtering: false, mode: {kind: 'branches', query: '', cursor: 0}};
		case 'branches-type':
			return state.mode.kind === 'branches'
				? {...state, mode: {kind: 'branches', query: action.query, cursor: 0}}
				: state;
		case 'branches-move':
			return state.mode.kind === 'branches'
				? {
						...state,
						mode: {
							...state.mode,
							cursor: clamp(state.mode.cursor + action.delta, 0, action.count - 1),
						},
					}
				: state;
		case 'branches-close':
			return {...state, mode: {kind: 'list'}};
		case 'reset':
			return {...initialBrowserState, notice: state.notice};
		case 'help-toggle':
			return state.mode.kind === 'help'
				? {...state, mode: state.mode.previous}
				: {...state, filtering: false, mode: {kind: 'help', previous: state.mode}};
		case 'notice':
			return state.notice === action.notice ? state : {...state, notice: action.notice};
	}
}

/**
 * The cursor and offset as drawn: kept inside the list, the cursor inside the viewport,
 * and pinned to the last row while `G` loads. The view calls this too, so a resize or a
 * shrinking list never shows a stale position.
 */
export function position(state: BrowserState, extent: Extent): {cursor: number; offset: number} {
	const cursor = state.followEnd ? extent.count - 1 : state.cursor;
	return scrollTo(cursor, state.offset, extent);
}

function scrollTo(
	cursor: number,
	offset: number,
	extent: Extent,
): {cursor: number; offset: number} {
	const clamped = clamp(cursor, 0, extent.count - 1);
	const viewport = Math.max(1, extent.viewport);
	let top = offset;
	if (clamped < top) {
		top = clamped;
	} else if (clamped >= top + viewport) {
		top = clamped - viewport + 1;
	}

	return {cursor: clamped, offset: clampOffset(top, extent)};
}

function clampOffset(offset: number, extent: Extent): number {
	return clamp(offset, 0, extent.count - Math.max(1, extent.viewport));
}

function clamp(value: number, min: number, max: number): number {
	return Math.max(min, Math.min(value, Math.max(min, max)));
}
