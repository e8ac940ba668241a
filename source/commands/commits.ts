/**
 * `bbtok-tui commits [REPO] [--branch NAME]`: REPO from the argument or from the current
 * clone's Bitbucket remote, then either the interactive browser (a terminal on both ends)
 * or, headless, the newest `--limit` commits as JSON lines (`--json`, or stdout not a
 * terminal) or aligned text lines. The run's services are built here once and closed on
 * every way out.
 */
import {parseRepoRef, type RepoRef} from '../bitbucket/repo-ref.js';
import {inferRepoRef} from '../commits/infer-repo.js';
import {RequestWatch} from '../commits/request-watch.js';
import type {CommandContext} from '../core/context.js';
import {ExitCode, UsageError} from '../core/errors.js';
import {withServices} from '../services/services.js';
import {
	browserSession,
	browserToken,
	type CommitsTarget,
	runHeadless,
} from '../use-cases/commits/commits.js';
import {readHeadlessToken} from '../use-cases/token-source.js';

export {defaultLimit} from '../use-cases/commits/commits.js';

/** How long Ink's loading waits for the first page: about what loading Ink takes. */
const firstPaintWaitMs = 50;

export async function commits(context: CommandContext): Promise<ExitCode> {
	const {flags} = context;
	// Under the client's retries, so it sees every attempt (the 429 countdown).
	const watch = new RequestWatch();
	return withServices(
		context,
		async (services) => {
			const ref = await repositoryOf(context, services.endpoints.gitUrl);
			const target: CommitsTarget =
				flags.branch === undefined ? {ref} : {ref, branch: flags.branch};
			if (!context.interactive || flags.json) {
				await runHeadless(services, {
					...target,
					token: await readHeadlessToken(context),
					...(flags.limit === undefined ? {} : {limit: flags.limit}),
					format: flags.json || !context.stdout.isTTY ? 'json' : 'text',
					statuses: flags.statuses,
					stdout: context.stdout,
					signal: context.signal,
				});
				return ExitCode.ok;
			}

			const token = browserToken(context.env);
			// The first requests leave before Ink and React start loading, so they are in flight
			// while those load (headless runs never load them). Importing both at once let the
			// loader compile and run Ink before the client, holding the requests back.
			const session =
				token === undefined ? undefined : await browserSession(services, watch, token, target);
			// A first page that comes in before Ink is drawn at once (first-paint.ts). Loading Ink
			// holds the event loop for ~40 ms at a time, so an answer that comes meanwhile waits:
			// Ink is loaded once the page is drawn, or when an API slower than that keeps it.
			// Imported here, after the requests left: headless runs never draw.
			const paint =
				session === undefined
					? undefined
					: (await import('../ui/commit-browser/first-paint.js')).paintFirstPageOnArrival(session, {
							ref,
							stdout: context.stdout,
							env: context.env,
						});
			await paint?.drawnWithin(firstPaintWaitMs);
			// Ink (and React) first, then a turn of the event loop before the browser's own
			// modules: an answer that came while Ink loaded sends the next request (the first page,
			// once the repository names its main branch) instead of waiting for the first frame.
			try {
				await import('ink');
				await new Promise((resolve) => setImmediate(resolve));
				const {renderCommits} = await import('../ui/commit-browser/render.js');
				return await renderCommits({
					context,
					services,
					watch,
					...target,
					...(session === undefined ? {} : {session}),
					painted: paint?.stop() ?? false,
				});
			} finally {
				// The screen the first paint entered, when the UI never came to leave it.
				paint?.leave();
			}
		},
		{wrapDispatcher: (dispatcher) => watch.wrap(dispatcher)},
	);
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
