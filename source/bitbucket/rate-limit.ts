/**
 * Bitbucket's rate-limit headers (X-RateLimit-Limit, -Resource, -NearLimit), read from every
 * response so the UI can warn before the ~1,000 requests/hour of an access token run out.
 */
import type {Dispatcher} from 'undici';

type IncomingHttpHeaders = Dispatcher.ResponseData['headers'];

export type RateLimit = {limit?: number; resource?: string; nearLimit: boolean};

/** The rate-limit state a response announces, or undefined when it carries none of the headers. */
export function rateLimitOf(headers: IncomingHttpHeaders): RateLimit | undefined {
	const limit = single(headers['x-ratelimit-limit']);
	const resource = single(headers['x-ratelimit-resource']);
	const nearLimit = single(headers['x-ratelimit-nearlimit']);
	if (limit === undefined && resource === undefined && nearLimit === undefined) {
		return undefined;
	}

	const parsedLimit = Number(limit);
	return {
		...(limit !== undefined && Number.isFinite(parsedLimit) ? {limit: parsedLimit} : {}),
		...(resource === undefined ? {} : {resource}),
		nearLimit: nearLimit?.trim().toLowerCase() === 'true',
	};
}

/** Milliseconds a `Retry-After` header (seconds or an HTTP date) asks to wait, or undefined. */
export function retryAfterMs(
	headers: IncomingHttpHeaders | undefined,
	now = Date.now(),
): number | undefined {
	const value = single(headers?.['retry-after'])?.trim();
	if (value === undefined || value === '') {
		return undefined;
	}

	if (/^\d+$/.test(value)) {
		return Number(value) * 1000;
	}

	// An HTTP date names its day and month; Date.parse alone would also take '-1' as a year.
	const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
