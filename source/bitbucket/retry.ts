/**
 * When a failed API GET is worth repeating, and after how long: undici's retry interceptor
 * with a policy of our own. 429 waits as long as Retry-After asks, within a total wait
 * budget; 5xx and transient network errors back off exponentially for a few attempts.
 * Each request gets its own policy so the budget and the abort signal are per request.
 */
import type {Dispatcher} from 'undici';
import {retryAfterMs} from './rate-limit.js';
import {interceptors} from './undici.js';

export type RetryOptions = {
	/** Retries after 5xx or network errors (429 is bounded by maxWaitMs only); default 3. */
	maxRetries?: number;
	/** Total time one request may spend waiting between attempts; default 60 s. */
	maxWaitMs?: number;
	/** First backoff delay, doubled per attempt; default 500 ms. */
	minDelayMs?: number;
};

export const defaultRetry = {maxRetries: 3, maxWaitMs: 60_000, minDelayMs: 500} as const;

/** What the last refused retry was about, for the error message. */
export type RetryOutcome = {
	attempts: number;
	waitedMs: number;
	/** Set when a 429's Retry-After did not fit in the remaining budget. */
	refusedWaitMs?: number;
};

const retryableStatuses = [429, 500, 502, 503, 504];
// Failures that may pass: not ENOTFOUND (a wrong host stays wrong) nor timeouts (already long).
const retryableCodes = [
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
];

type RetryError = Error & {
	statusCode?: number;
	code?: string;
	headers?: Dispatcher.ResponseData['headers'];
};

/** A dispatcher that retries GETs on `dispatcher` per `options`, reporting into `outcome`. */
export function withRetry(
	dispatcher: Dispatcher,
	options: RetryOptions,
	outcome: RetryOutcome,
	signal: AbortSignal | undefined,
): Dispatcher {
	const maxRetries = options.maxRetries ?? defaultRetry.maxRetries;
	const maxWaitMs = options.maxWaitMs ?? defaultRetry.maxWaitMs;
	const minDelayMs = options.minDelayMs ?? defaultRetry.minDelayMs;

	return dispatcher.compose(
		interceptors.retry({
			methods: ['GET'],
			statusCodes: retryableStatuses,
			errorCodes: retryableCodes,
			// Hand the final response (status, headers, Bitbucket's error body) to the client.
			throwOnError: false,
			retry(error, {state}, callback) {
				const {statusCode, code, headers} = error as RetryError;
				outcome.attempts = state.counter;
				const retryable =
					statusCode === undefined
						? code !== undefined && retryableCodes.includes(code)
						: retryableStatuses.includes(statusCode);
				if (!retryable || signal?.aborted) {
					callback(error);
					return;
				}

				const asked = retryAfterMs(headers);
				// Never sooner than the backoff: a `Retry-After: 0` must not turn into a busy loop.
				const delay = Math.max(asked ?? 0, minDelayMs * 2 ** (state.counter - 1));
				const overBudget = outcome.waitedMs + delay > maxWaitMs;
				if (statusCode === 429 ? overBudget : state.counter > maxRetries || overBudget) {
					if (statusCode === 429 && asked !== undefined) {
						outcome.refusedWaitMs = asked;
					}

					callback(error);
					return;
				}

				outcome.waitedMs += delay;
				const timer = setTimeout(() => {
					signal?.removeEventListener('abort', onAbort);
					callback(null);
				}, delay);
				// A response in hand is cancelled by undici's own abort handling; a failed connection
				// has nothing to cancel, so the wait itself must end the request.
				function onAbort() {
					clearTimeout(timer);
					if (statusCode === undefined) {
						callback(signal?.reason ?? error);
					}
				}

				signal?.addEventListener('abort', onAbort, {once: true});
			},
		}),
	);
}
