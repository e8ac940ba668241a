/**
 * Onboarding without a terminal UI, for scripts and CI: REPO, flags and variables in; plain
 * progress lines on stderr; the result on stdout as a short summary or one JSON object. The
 * steps of steps.ts run in headlessOrder, each printing what it did; every value is checked
 * before the first request, the token before the first byte is written to disk.
 */
import path from 'node:path';
import {grantLines} from '../../bitbucket/grant.js';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {Commit} from '../../bitbucket/types.js';
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import {toCommitEntry} from '../../commits/commit-entry.js';
import {commitJson} from '../../commits/commit-json.js';
import type {CommandContext} from '../../core/context.js';
import {ExitCode, UsageError} from '../../core/errors.js';
import {reportError} from '../../core/output.js';
import {redact} from '../../core/redaction.js';
import {printable, terminalSafeJson} from '../../core/terminal-text.js';
import type {CloneResult} from '../../git/clone.js';
import type {ConfiguredHelper} from '../../git/credential-helper.js';
import {cloneUrl, remoteUrlFor} from '../../git/remote-url.js';
import type {Services} from '../../services/services.js';
import type {Settings} from '../../settings/store.js';
import {nonBotEmailWarning} from '../bot-email.js';
import type {Verified} from '../verify.js';
import {commitRecord} from './commit-lines.js';
import {type HeadlessResult, plainSummary} from './headless-summary.js';
import {createProgressLines} from './progress-lines.js';
import {
	botSearchDepth,
	type CloneChoices,
	cloneChoicesOf,
	type Defaults,
	headlessOrder,
	knownBotEmail,
	onboardDefaults,
} from './rules.js';
import {
	checkTarget,
	cloneStep,
	configureStep,
	helperStep,
	type Listing,
	listedCommits,
	startLatestCommits,
	targetOf,
	targetUsable,
	verifyStep,
} from './steps.js';

export type HeadlessOptions = {
	/** From the REPO argument; required. */
	ref?: RepoRef;
	/** From readHeadlessToken (already normalised); required. */
	token?: string;
	settings: Settings;
};

export type {HeadlessResult} from './headless-summary.js';

/** Commits printed after a plain-text run unless --limit says otherwise (JSON gets the --limit default). */
const plainCommitCount = 10;
const jsonCommitCount = 30;

export async function runHeadlessOnboard(
	context: CommandContext,
	services: Services,
	options: HeadlessOptions,
): Promise<ExitCode> {
	try {
		const run = await onboard(context, services, options);
		const result = resultOf(run, services);
		// Redacted by the summary: with --auth embed the URL carries the token.
		const remote = remoteUrlFor(services.endpoints.gitUrl, run.ref, run.choices.auth, run.token);
		const records = run.commits.slice(0, run.limit).map(commitRecord);
		context.stdout.write(
			context.flags.json ? `${terminalSafeJson(result)}\n` : plainSummary(result, remote, records),
		);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, context, {json: context.flags.json});
	}
}

/** What the steps know so far; each fills in its part. */
type Run = {
	readonly ref: RepoRef;
	readonly token: string;
	readonly name: string;
	readonly defaults: Defaults;
	choices: CloneChoices;
	/** Commits listed after the clone (the --limit default for the output). */
	readonly limit: number;
	verified?: Verified;
	/** The latest commits, asked for once the token passed and read while the clone runs. */
	listing?: Listing;
	commits: Commit[];
	botEmail?: string;
	helper?: ConfiguredHelper | undefined;
	clone?: CloneResult;
};

type Step = (run: Run) => Promise<void>;

async function onboard(
	context: CommandContext,
	services: Services,
	options: HeadlessOptions,
): Promise<Run> {
	const {flags, signal} = context;
	// Ends a commit list still being read when the run fails, so that the failure is not kept waiting.
	const listingStop = new AbortController();
	const listingSignal = signal ? AbortSignal.any([signal, listingStop.signal]) : listingStop.signal;
	const note = (line: string) => context.stderr.write(`${printable(redact(line))}\n`);
	const {ref, token, settings} = options;
	if (ref === undefined) {
		throw new UsageError('No repository given: the REPO argument is required without a terminal.', {
			hint: 'Pass REPO as workspace/repo or a Bitbucket URL, e.g. bbtok-tui acme/widget --token-stdin.',
		});
	}

	if (token === undefined) {
		throw new UsageError('No token given.', {
			hint: 'Pipe it with --token-stdin or set BITBUCKET_ACCESS_TOKEN (--token VALUE is refused).',
		});
	}

	const defaults = onboardDefaults(flags, settings.preferences());
	const run: Run = {
		ref,
		token,
		name: formatRepoRef(ref),
		defaults,
		choices: cloneChoicesOf(defaults, ref, undefined),
		limit: flags.limit ?? (flags.json ? jsonCommitCount : plainCommitCount),
		commits: [],
	};
	const target = targetOf(services, run.choices);
	// Fails before any request when the clone could not go there anyway; the clone checks again.
	if (!targetUsable(await checkTarget(target))) {
		throw new UsageError(`The clone target ${target} already exists and is not empty.`, {
			hint: 'Choose another directory with --dir, or empty this one first.',
		});
	}

	// Before any request: a run that cannot keep the token as asked must not clone.
	run.helper =
		defaults.auth === 'helper'
			? await helperStep(services, {url: cloneUrl(services.endpoints.gitUrl, ref), required: true})
			: undefined;
	const steps: Record<(typeof headlessOrder)[number], Step> = {
		async verify(run) {
			note(`Checking the token against ${run.name}…`);
			const verified = await verifyStep(services, {ref, token, signal});
			run.verified = verified;
			const mainBranch = verified.repository.mainbranch?.name;
			run.choices = cloneChoicesOf(defaults, ref, mainBranch);
			const names = verified.branches.flatMap((candidate) => candidate.name ?? []);
			if (defaults.branch !== undefined && names.length > 0 && !names.includes(defaults.branch)) {
				throw new UsageError(`There is no branch ${defaults.branch} in ${run.name}.`, {
					hint: `Leave out --branch to clone ${mainBranch ?? 'the main branch'}, or pick one of: ${names.slice(0, 8).join(', ')}.`,
				});
			}

			note(
				`Token accepted for ${run.name}: ${verified.canPush ? 'it can clone and push' : 'it can clone but not push (no repository:write scope)'}.`,
			);
			for (const line of verified.grant ? grantLines(verified.grant, {push: true}) : []) {
				note(line);
			}
		},
		async commits(run) {
			const {branch} = run.choices;
			if (branch !== undefined && (run.verified?.branches.length ?? 0) > 0) {
				const client = await services.api(token);
				const count = Math.max(run.limit, botSearchDepth);
				run.listing = startLatestCommits(client, {ref, branch, count, signal: listingSignal});
			}
		},
		async botEmail(run) {
			// The clone waits for the list only when the bot email has to be found in it.
			const withoutList = knownBotEmail({defaults, settings, ref, commits: []});
			if (withoutList.known === undefined) {
				run.commits = await listedCommits(run.listing);
			}

			const {known, seen} =
				withoutList.known === undefined
					? knownBotEmail({defaults, settings, ref, commits: run.commits})
					: withoutList;
			if (known === undefined) {
				const also = seen.length > 1 ? ` Recent commits show ${seen.join(', ')}.` : '';
				throw new UsageError(
					`The token's bot email is needed: pass --bot-email (the API cannot tell it).${also}`,
					{
						hint: `Copy it from ${accessTokensPage(ref, services.endpoints.gitUrl)}, e.g. --bot-email 1a2b3c4d@bots.bitbucket.org.`,
					},
				);
			}

			if (known.source === 'remembered') {
				note(`Using the bot email remembered for ${run.name}: ${known.email}.`);
			} else if (known.source === 'commits') {
				note(
					`Using the bot email found in recent commits: ${known.email} (pass --bot-email if this token has another bot).`,
				);
			}

			const nonBot = nonBotEmailWarning(known.email);
			if (nonBot !== undefined) {
				note(`warning: ${nonBot}`);
			}

			run.botEmail = known.email;
		},
		async clone(run) {
			const {choices} = run;
			if (choices.auth === 'embed') {
				note(
					`warning: --auth embed stores the token as plain text in ${path.join(target, '.git', 'config')}.`,
				);
			}

			note(
				`Cloning ${run.name}${choices.branch ? ` (branch ${choices.branch})` : ''}${choices.depth ? `, last ${choices.depth} commits` : ''} into ${target}…`,
			);
			const onProgress = createProgressLines(note);
			run.clone = await cloneStep(services, {
				ref,
				token,
				choices,
				helper: run.helper,
				advertisement: run.verified?.advertisement,
				onProgress,
				signal,
			});
		},
		async configure(run) {
			const {warning} = await configureStep(settings, {
				ref,
				clone: run.clone!,
				choices: run.choices,
				identity: {email: run.botEmail!},
			});
			if (warning) {
				// The clone is done; a settings file that cannot be written only costs the next run a flag.
				note(`warning: ${warning}`);
			}
		},
		async summary(run) {
			try {
				run.commits = await listedCommits(run.listing);
			} catch (error) {
				// The clone is done and usable: a list that failed only leaves the summary without it.
				note(
					`warning: the latest commits of ${run.name} could not be listed: ${error instanceof Error ? error.message : String(error)}`,
				);
			}
		},
	};
	try {
		for (const name of headlessOrder) {
			await steps[name](run);
		}
	} finally {
		listingStop.abort();
	}

	return run;
}

function resultOf(run: Run, services: Services): HeadlessResult {
	const clone = run.clone!;
	return {
		ok: true,
		repository: run.name,
		dir: clone.dir,
		branch: clone.branch,
		head: clone.head,
		auth: run.choices.auth,
		helper: run.helper?.name ?? null,
		botEmail: run.botEmail!,
		canPush: run.verified!.canPush,
		scopes: run.verified?.grant?.scopes ?? null,
		credentialType: run.verified?.grant?.credentialType ?? null,
		commits: run.commits
			.slice(0, run.limit)
			.map((commit) =>
				commitJson(toCommitEntry(commit), {gitUrl: services.endpoints.gitUrl, ref: run.ref}),
			),
	};
}
