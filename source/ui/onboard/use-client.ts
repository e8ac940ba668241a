/**
 * The REST client for the token being tried, from the run's services once the token is
 * known: undici and the client load then, off the first frame's path.
 */
import {useEffect, useState} from 'react';
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {Services} from '../../services/services.js';

export function useClient(
	token: string | undefined,
	services: Services,
): BitbucketClient | undefined {
	const [made, setMade] = useState<{token: string; client: BitbucketClient}>();
	useEffect(() => {
		if (token === undefined) {
			return;
		}

		let current = true;
		// A client that cannot be made (a malformed proxy variable) fails the verify step instead.
		services.api(token).then(
			(client) => current && setMade({token, client}),
			() => undefined,
		);
		return () => {
			current = false;
		};
	}, [token, services]);
	// A client made for an earlier token is never handed out for the next one.
	return token !== undefined && made?.token === token ? made.client : undefined;
}
