/**
 * Keys of the fix-remote screens: Ctrl+C at any step, ↑/↓ and Enter to pick a remote,
 * y or n (Enter: the default, n) to answer the credentials and preview questions, ↑/↓ and
 * PgUp/PgDn to scroll a preview's diff taller than the terminal. The token
 * and email inputs handle their own keys.
 */
import {useInput} from 'ink';
import type {BitbucketRemote} from '../../use-cases/fix-remote/remote-choice.js';
import type {FixRemote} from './use-fix-remote.js';
import {stepOf} from './use-fix-remote-state.js';

export type UseFixRemoteKeysOptions = {
	readonly flow: FixRemote;
	/** The remotes offered on the remote step. */
	readonly candidates: readonly BitbucketRemote[];
	/** --yes: the preview asks nothing. */
	readonly autoConfirm: boolean;
	/** Moves the preview's diff by this many rows (clamped by the caller). */
	readonly scrollDiff: (delta: number) => void;
	/** Rows PgUp/PgDn move the diff. */
	readonly diffPage: number;
};

export function useFixRemoteKeys({
	flow,
	candidates,
	autoConfirm,
	scrollDiff,
	diffPage,
}: UseFixRemoteKeysOptions): void {
	const {step} = flow;
	useInput(
		(input, key) => {
			if (key.ctrl && input === 'c') {
				flow.interrupt();
				return;
			}

			// A key that moved the run on belongs to the step it was typed in: the Enter that
			// submits the email must not also answer the preview that replaces it.
			if (stepOf(flow.current()) !== step) {
				return;
			}

			const answer = key.return ? 'n' : input.toLowerCase();
			switch (step) {
				case 'remote': {
					if (key.upArrow || key.downArrow) {
						flow.moveCursor(key.upArrow ? -1 : 1);
					} else if (key.return) {
						const chosen = candidates[flow.current().remoteCursor];
						if (chosen) {
							flow.chooseRemote(chosen);
						}
					}

					return;
				}

				case 'credentials': {
					if (answer === 'y' || answer === 'n') {
						flow.decideStrip(answer === 'y');
					}

					return;
				}

				case 'preview': {
					if (key.upArrow || key.downArrow) {
						scrollDiff(key.upArrow ? -1 : 1);
						return;
					}

					if (key.pageUp || key.pageDown) {
						scrollDiff(key.pageUp ? -diffPage : diffPage);
						return;
					}

					if (autoConfirm) {
						return;
					}

					if (answer === 'y') {
						flow.confirm();
					} else if (answer === 'n') {
						flow.cancel();
					}

					return;
				}

				default:
			}
		},
		{isActive: step !== 'finished'},
	);
}
