/**
 * Seconds left of a 429's Retry-After while the client waits it out, ticking down once a
 * second; undefined when nothing is waiting. Fed by the RequestWatch on the client's
 * dispatcher: the next answer from the API ends the wait.
 */
import {useEffect, useState} from 'react';
import type {RequestWatch} from '../../commits/request-watch.js';

export function useRateLimitWait(watch: RequestWatch | undefined): number | undefined {
	const [until, setUntil] = useState<number | undefined>();
	const [now, setNow] = useState(() => Date.now());
	useEffect(
		() =>
			watch?.subscribe((event) => {
				if (event.type === 'rate-limited') {
					setNow(event.at);
					setUntil(event.at + (event.waitMs ?? 0));
				} else if (event.status !== 429) {
					setUntil(undefined);
				}
			}),
		[watch],
	);
	useEffect(() => {
		if (until === undefined) {
			return;
		}

		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [until]);
	return until === undefined ? undefined : Math.max(0, Math.ceil((until - now) / 1000));
}
