/**
 * `bbtok-tui commits [REPO] [--branch NAME]`: REPO from the argument or from the current
 * clone's Bitbucket remote, then either the interactive browser (a terminal on both ends)
 * or, headless, the newest `--limit` commits as JSON lines (`--json`, or stdout not a
 * terminal) or aligned text lines.
 */
import {BitbucketClient} from '../bitbucket/client.js';
import {resolveEndpoints} from '../bitbucket/endpoints.js';
import {createDispatcher} from '../bitbucket/http.js';
import {parseRepoRef, type RepoRef} from '../bitbucket/repo-ref.js';
import {printCommits} from '../commits/headless.js';
import {inferRepoRef} from '../commits/infer-repo.js';
import {openSession} from '../commits/session.js';
import type {CommandContext} from '../core/context.js';
import {ExitCode, UsageError} from '../core/errors.js';
import {checkedToken, readHeadlessToken} from '../onboard/token-source.js';

/** Commits printed by a headless run without --limit. */
export const defaultLimit = 30;

export async function commits(context: CommandContext): Promise<ExitCode> {
	const {flags, env} = context;
	const endpoints = resolveEndpoints(flags, env);
	const ref = await repositoryOf(context, endpoints.gitUrl);
	const branch = flags.branch === undefined ? {} : {branch: flags.branch};
	if (!context.interactive || flags.json) {
		const token = await readHeadlessToken(context);
		if (token === undefined) {
			throw new UsageError('No token: this run cannot prompt for one.', {
				hint: 'Set BITBUCKET_ACCESS_TOKEN, or pipe the token into --token-stdin.',
			});
		}

		const client = new BitbucketClient({
			apiUrl: endpoints.apiUrl,
			webUrl: endpoints.gitUrl,
			token,
			dispatcher: createDispatcher({env}),
		});
		await printCommits({
			api: client,
			ref,
			...branch,
			limit: flags.limit ?? defaultLimit,
			format: flags.json || !context.stdout.isTTY ? 'json' : 'text',
			gitUrl: endpoints.gitUrl,
			stdout: context.stdout,
			signal: context.signal,
		});
		return ExitCode.ok;
	}

	const fromEnv = env.BITBUCKET_ACCESS_TOKEN;
	const token = fromEnv === undefined || fromEnv.trim() === '' ? undefined : checkedToken(fromEnv);
	// The first requests leave now; Ink and React load meanwhile (headless runs never load them).
	const session =
		token === undefined ? undefined : openSession({endpoints, env, token, ref, ...branch});
	const {renderCommits} = await import('../ui/commit-browser/render.js');
	return renderCommits({
		context,
		endpoints,
		ref,
		...branch,
		...(session === undefined ? {} : {session}),
	});
}

async function repositoryOf(context: CommandContext, gitUrl: string): Promise<RepoRef> {
	const [argument, ...extra] = context.args;
	if (extra.length > 0) {
		throw new UsageError(`commits takes one REPO, but got ${context.args.length} arguments.`, {
			hint: 'Usage: bbtok-tui commits [REPO] [--branch NAME]',
		});
	}

	return argument === undefined
		? inferRepoRef(context.cwd, {gitUrl})
		: parseRepoRef(argument, {gitUrl});
}
