/**
 * Bitbucket-style paging: `pagelen` bounds, numbered pages for small collections, and an
 * opaque cursor for commits (it pins the resolved tips, so a push between two pages does
 * not shift the walk). `next` links are absolute URLs, optionally on a foreign origin.
 */
import {errorBody} from './responses.js';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: Record<string, unknown>,
		readonly headers: Record<string, string> = {},
	) {
		super(String((body.error as {message?: string} | undefined)?.message ?? status));
	}

	static badRequest(message: string): ApiError {
		return new ApiError(400, errorBody(message));
	}

	static notFound(message: string): ApiError {
		return new ApiError(404, errorBody(message));
	}
}

export type PagelenRule = {default: number; min: number; max: number};

export const listPagelen: PagelenRule = {default: 10, min: 10, max: 100};
export const commitPagelen: PagelenRule = {default: 30, min: 10, max: 100};
/** The diffstat endpoint pages by 500 (at most 5,000), per the OpenAPI document. */
export const diffstatPagelen: PagelenRule = {default: 500, min: 10, max: 5000};

export function parsePagelen(params: URLSearchParams, rule: PagelenRule): number {
	const raw = params.get('pagelen');
	if (raw === null) {
		return rule.default;
	}

	const value = Number(raw);
	if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
		throw ApiError.badRequest(
			`Invalid pagelen: expected an integer from ${rule.min} to ${rule.max}.`,
		);
	}

	return value;
}

export function parsePageNumber(params: URLSearchParams): number {
	const raw = params.get('page');
	if (raw === null) {
		return 1;
	}

	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw ApiError.badRequest('Invalid page: expected a positive integer.');
	}

	return value;
}

/** The URL of another page: the request's own path and query with `page` replaced. */
export function pageUrl(request: URL, origin: string, page: string): string {
	const params = new URLSearchParams(request.searchParams);
	params.set('page', page);
	return `${origin}${request.pathname}?${params.toString()}`;
}

/** A numbered page of an in-memory list, with `size`, `page`, `next` and `previous`. */
export function numberedPage<T>(
	items: readonly T[],
	request: URL,
	origin: string,
	rule: PagelenRule,
	toJson: (item: T) => unknown,
): Record<string, unknown> {
	const pagelen = parsePagelen(request.searchParams, rule);
	const page = parsePageNumber(request.searchParams);
	const start = (page - 1) * pagelen;
	return {
		pagelen,
		size: items.length,
		page,
		values: items.slice(start, start + pagelen).map(toJson),
		...(start + pagelen < items.length ? {next: pageUrl(request, origin, String(page + 1))} : {}),
		...(page > 1 ? {previous: pageUrl(request, origin, String(page - 1))} : {}),
	};
}

export type CommitCursor = {include: string[]; exclude: string[]; offset: number};

export function encodeCursor(cursor: CommitCursor): string {
	return Buffer.from(JSON.stringify([cursor.include, cursor.exclude, cursor.offset])).toString(
		'base64url',
	);
}

export function decodeCursor(raw: string): CommitCursor {
	try {
		const [include, exclude, offset] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
		if (isHashList(include) && isHashList(exclude) && Number.isInteger(offset) && offset >= 0) {
			return {include, exclude, offset};
		}
	} catch {
		// Falls through to the error below: a cursor is only what this server wrote.
	}

	throw ApiError.badRequest('Invalid page: follow the `next` link of the previous page.');
}

function isHashList(value: unknown): value is string[] {
	return (
		Array.isArray(value) &&
		value.every((item) => typeof item === 'string' && /^[\da-f]{40,64}$/.test(item))
	);
}
