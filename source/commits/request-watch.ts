/**
 * Watches the API traffic of a dispatcher without changing it: when each response started
 * and how long it took (the benchmark subtracts the API's own time), and every 429 with the
 * wait it asks for, so the browser can say "rate limited, resuming in 30 s" while the
 * client's retry policy waits. The watcher sits under the client's retry interceptor, so it
 * sees every attempt, including those the client retries.
 */
import type {Dispatcher} from 'undici';
import {retryAfterMs} from '../bitbucket/rate-limit.js';

export type RequestEvent =
	| {type: 'response'; status: number; startedAt: number; durationMs: number}
	| {type: 'rate-limited'; waitMs: number | undefined; at: number};

export type RequestListener = (event: RequestEvent) => void;

/** Listeners for the traffic of the dispatchers it wraps. */
export class RequestWatch {
	readonly #listeners = new Set<RequestListener>();

	subscribe(listener: RequestListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** `dispatcher`, reporting each request to this watch's listeners. */
	wrap(dispatcher: Dispatcher): Dispatcher {
		const emit: RequestListener = (event) => {
			for (const listener of this.#listeners) {
				listener(event);
			}
		};
		return dispatcher.compose(
			(dispatch) => (options, handler) =>
				typeof handler.onResponseStart === 'function'
					? dispatch(options, new WatchingHandler(handler, emit))
					: dispatch(options, handler),
		);
	}
}

type Controller = Dispatcher.DispatchController;
type Headers = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

class WatchingHandler implements Dispatcher.DispatchHandler {
	readonly #startedAt = performance.now();
	#status = 0;

	constructor(
		private readonly inner: Dispatcher.DispatchHandler,
		private readonly listener: RequestListener,
	) {}

	onRequestStart(controller: Controller, context: unknown): void {
		this.inner.onRequestStart?.(controller, context);
	}

	onRequestUpgrade(
		controller: Controller,
		statusCode: number,
		headers: Headers,
		socket: import('node:stream').Duplex,
	): void {
		this.inner.onRequestUpgrade?.(controller, statusCode, headers, socket);
	}

	onResponseStart(
		controller: Controller,
		statusCode: number,
		headers: Headers,
		statusMessage?: string,
	): void {
		this.#status = statusCode;
		if (statusCode === 429) {
			this.listener({type: 'rate-limited', waitMs: retryAfterMs(headers), at: Date.now()});
		}

		this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
	}

	onResponseData(controller: Controller, chunk: Buffer): void {
		this.inner.onResponseData?.(controller, chunk);
	}

	onResponseEnd(controller: Controller, trailers: Headers): void {
		this.listener({
			type: 'response',
			status: this.#status,
			startedAt: this.#startedAt,
			durationMs: performance.now() - this.#startedAt,
		});
		this.inner.onResponseEnd?.(controller, trailers);
	}

	onResponseError(controller: Controller, error: Error): void {
		this.inner.onResponseError?.(controller, error);
	}
}
