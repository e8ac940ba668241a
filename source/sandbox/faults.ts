/**
 * Injected failures, set at start or at runtime: latency on both servers, a countdown of
 * API error responses, a cut or corrupt pack, foreign `next` links and API redirects.
 */
import {setTimeout as delay} from 'node:timers/promises';

export type Faults = {
	/** Delay before every response (API and git). */
	latencyMs?: number;
	/** The next `times` API requests (of those whose path contains `path`, if given) answer this status. */
	api?: {
		status: 429 | 500 | 502 | 503 | 504;
		times: number;
		retryAfterSeconds?: number;
		path?: string;
	};
	/** git-upload-pack POST responses: the socket is destroyed after N body bytes. */
	cutPackAfterBytes?: number;
	/** git-upload-pack POST responses: the pack's byte at this offset is flipped (a corrupt pack). */
	corruptPackAt?: number;
	/** `next` links of paginated responses use this origin (e.g. 'http://127.0.0.2:9'). */
	foreignNextOrigin?: string;
	/** Every API request answers 302 to this origin + the same path and query. */
	redirectApiTo?: string;
};

export type InjectedApiError = {status: number; retryAfterSeconds?: number};

export class FaultState {
	private faults: Faults = {};
	private apiErrorsLeft = 0;

	constructor(faults: Faults = {}) {
		this.set(faults);
	}

	/** Replaces every fault; an `api` countdown starts again from its `times`. */
	set(faults: Faults): void {
		this.faults = structuredClone(faults);
		this.apiErrorsLeft = faults.api?.times ?? 0;
	}

	get current(): Readonly<Faults> {
		return this.faults;
	}

	async delay(): Promise<void> {
		const latency = this.faults.latencyMs ?? 0;
		if (latency > 0) {
			await delay(latency);
		}
	}

	/** The error the API request for `pathname` must answer, counting it down; undefined once spent. */
	takeApiError(pathname: string): InjectedApiError | undefined {
		const {api} = this.faults;
		if (api === undefined || this.apiErrorsLeft <= 0) {
			return undefined;
		}

		if (api.path !== undefined && !pathname.includes(api.path)) {
			return undefined;
		}

		this.apiErrorsLeft--;
		return api.retryAfterSeconds === undefined
			? {status: api.status}
			: {status: api.status, retryAfterSeconds: api.retryAfterSeconds};
	}
}
