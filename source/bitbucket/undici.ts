/**
 * The parts of undici this tool uses, loaded from undici's own files: its main entry also
 * compiles and runs fetch, WebSocket, EventSource, caches and mocks (about two thirds of its
 * code), and its cookie module touches Node's global Headers, which loads Node's own copy of
 * undici as well. Both sit before the browser's first request, so they cost start-up time.
 */
import type {Dispatcher} from 'undici';
import Api from 'undici/lib/api/index.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import DispatcherBase from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import retry from 'undici/lib/interceptor/retry.js';

// What undici's entry does so that every dispatcher has request(), stream() and the rest.
Object.assign(DispatcherBase.prototype, Api);

export {Agent, EnvHttpProxyAgent};
export const interceptors = {retry};

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & {
	readonly dispatcher: Dispatcher;
};

/** undici's `request(url, options)` for an absolute URL and an explicit dispatcher. */
export function request(url: string, options: RequestOptions): Promise<Dispatcher.ResponseData> {
	const {dispatcher, ...rest} = options;
	const {origin, pathname, search} = new URL(url);
	return dispatcher.request({...rest, origin, path: `${pathname}${search}`});
}
