/**
 * The REST client for the token being tried, made once the token is known: undici and the
 * client load then, off the first frame's path. A failure to make it (a malformed proxy
 * variable) is returned for the verify step to show.
 */
import {useEffect, useState} from 'react';
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {WizardServices} from './services.js';

export type ClientState = {readonly client?: BitbucketClient; readonly error?: unknown};

export function useClient(token: string | undefined, services: WizardServices): ClientState {
	const [made, setMade] = useState<ClientState & {token?: string}>({});
	useEffect(() => {
		if (token === undefined) {
			return;
		}

		let current = true;
		Promise.all([import('../../bitbucket/client.js'), services.dispatcher()]).then(
			([{BitbucketClient}, dispatcher]) => {
				if (current) {
					setMade({
						token,
						client: new BitbucketClient({
							apiUrl: services.endpoints.apiUrl,
							webUrl: services.endpoints.gitUrl,
							token,
							dispatcher,
						}),
					});
				}
			},
			(error: unknown) => {
				if (current) {
					setMade({token, error});
				}
			},
		);
		return () => {
			current = false;
		};
	}, [token, services]);
	// A client made for an earlier token is never handed out for the next one.
	return token !== undefined && made.token === token ? made : {};
}
