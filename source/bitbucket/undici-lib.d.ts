// Types of the undici files that undici.ts loads directly (undici types only its main entry).

declare module 'undici/lib/dispatcher/agent.js' {
	import {Agent} from 'undici';
	export default Agent;
}

declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
	import {EnvHttpProxyAgent} from 'undici';
	export default EnvHttpProxyAgent;
}

declare module 'undici/lib/dispatcher/dispatcher.js' {
	import {Dispatcher} from 'undici';
	export default Dispatcher;
}

declare module 'undici/lib/api/index.js' {
	const api: Record<string, unknown>;
	export default api;
}

declare module 'undici/lib/interceptor/retry.js' {
	import {interceptors} from 'undici';

	const retry: typeof interceptors.retry;
	export default retry;
}
