/**
 * Runs `onAbort` when the command's signal aborts (SIGTERM, a hang-up, or SIGINT sent with
 * kill rather than typed), or at once if it already has: screens end such a run as they
 * end one on Ctrl+C.
 */
import {useEffect} from 'react';

export function useAbortSignal(signal: AbortSignal | undefined, onAbort: () => void): void {
	useEffect(() => {
		if (!signal) {
			return;
		}

		if (signal.aborted) {
			onAbort();
			return;
		}

		signal.addEventListener('abort', onAbort, {once: true});
		return () => signal.removeEventListener('abort', onAbort);
	}, [signal, onAbort]);
}
