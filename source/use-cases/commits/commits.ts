/**
 * The `commits` use case, driven by both front ends: which token the run uses, what a
 * headless run prints and costs, and the session the browser runs on. The command parses
 * arguments and builds the services; this module holds the rules.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {RequestWatch} from '../../commits/request-watch.js';
import {UsageError} from '../../core/errors.js';
import type {Services} from '../../services/services.js';
import {tokenFromEnv} from '../token-source.js';
import {printCommits} from './headless.js';
import {type BrowserSession, openSession} from './session.js';

export type {BrowserSession} from './session.js';

/** Commits printed by a headless run without --limit. */
export const defaultLimit = 30;

export type CommitsTarget = {readonly ref: RepoRef; readonly branch?: string};

export type HeadlessRequest = CommitsTarget & {
	/** From --token-stdin or BITBUCKET_ACCESS_TOKEN; a headless run cannot prompt. */
	readonly token: string | undefined;
	readonly limit?: number;
	readonly format: 'json' | 'text';
	readonly statuses: boolean;
	readonly stdout: {write(chunk: string): unknown};
	readonly signal?: AbortSignal;
};

export async function runHeadless(services: Services, request: HeadlessRequest): Promise<void> {
	if (request.token === undefined) {
		throw new UsageError('No token: this run cannot prompt for one.', {
			hint: 'Set BITBUCKET_ACCESS_TOKEN, or pipe the token into --token-stdin.',
		});
	}

	await printCommits({
		api: await services.api(request.token),
		ref: request.ref,
		...(request.branch === undefined ? {} : {branch: request.branch}),
		limit: request.limit ?? defaultLimit,
		format: request.format,
		statuses: request.statuses,
		gitUrl: services.endpoints.gitUrl,
		stdout: request.stdout,
		...(request.signal === undefined ? {} : {signal: request.signal}),
	});
}

/** The browser's token when the environment has one (the one rule, tokenFromEnv); else it prompts. */
export function browserToken(env: NodeJS.ProcessEnv): string | undefined {
	return tokenFromEnv(env);
}

/** The browser's client for `token`; its first requests leave at once (warm start). */
export function browserSession(
	services: Services,
	watch: RequestWatch,
	token: string,
	target: CommitsTarget,
): Promise<BrowserSession> {
	return openSession(services, watch, {token, ...target});
}
