/**
 * Onboarding without a terminal UI, for scripts and CI: REPO, flags and variables in; plain
 * progress lines on stderr; the result on stdout as a short summary or one JSON object. Every
 * value is checked before the first request, the token before the first byte is written to disk.
 */
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {Dispatcher} from 'undici';
import {BitbucketClient} from '../bitbucket/client.js';
import type {Endpoints} from '../bitbucket/endpoints.js';
import {grantLines} from '../bitbucket/grant.js';
import {createDispatcher} from '../bitbucket/http.js';
import {formatRepoRef, type RepoRef} from '../bitbucket/repo-ref.js';
import type {Commit} from '../bitbucket/types.js';
import {accessTokensPage} from '../bitbucket/web-pages.js';
import type {AuthMode, CommandContext} from '../core/context.js';
import {BbtokError, ExitCode, UsageError} from '../core/errors.js';
import {reportError} from '../core/output.js';
import {redact} from '../core/redaction.js';
import {printable, terminalSafeJson} from '../core/terminal-text.js';
import {cloneRepository} from '../git/clone.js';
import {type ConfiguredHelper, requireSafeHelper} from '../git/credential-helper.js';
import {keepTokenInHelper} from '../git/helper-auth.js';
import {setLocalIdentity} from '../git/identity.js';
import {cloneUrl, remoteUrlFor} from '../git/remote-url.js';
import type {Settings} from '../settings/store.js';
import {botEmailsFromCommits, nonBotEmailWarning, normalizeBotEmail} from './bot-email.js';
import {type CommitRecord, commitRecord} from './commit-lines.js';
import {plainSummary} from './headless-summary.js';
import {createProgressLines} from './progress-lines.js';
import {verifyAccess} from './verify.js';

export type HeadlessOptions = {
	endpoints: Endpoints;
	/** From the REPO argument; required. */
	ref?: RepoRef;
	/** From readHeadlessToken (already normalised); required. */
	token?: string;
	settings: Settings;
};

/** What `--json` prints on success. */
export type HeadlessResult = {
	ok: true;
	repository: string;
	dir: string;
	branch: string;
	head: string;
	auth: AuthMode;
	/** The credential helper holding the token (`--auth helper`), else null. */
	helper: string | null;
	botEmail: string;
	canPush: boolean;
	scopes: readonly string[] | null;
	credentialType: string | null;
	commits: CommitRecord[];
};

/** Commits printed after a plain-text run unless --limit says otherwise (JSON gets the --limit default). */
const plainCommitCount = 10;
const jsonCommitCount = 30;
/** Enough history to spot the bot's earlier commits, in one request. */
const botSearchDepth = 30;

export async function runHeadlessOnboard(
	context: CommandContext,
	options: HeadlessOptions,
): Promise<ExitCode> {
	const dispatcher = createDispatcher({env: context.env});
	try {
		const {result, remote} = await onboard(context, options, dispatcher);
		context.stdout.write(
			context.flags.json ? `${terminalSafeJson(result)}\n` : plainSummary(result, remote),
		);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, context, {json: context.flags.json});
	} finally {
		// Keep-alive sockets would hold the process open for seconds after the last response.
		await dispatcher.destroy().catch(() => undefined);
	}
}

async function onboard(
	context: CommandContext,
	options: HeadlessOptions,
	dispatcher: Dispatcher,
): Promise<{result: HeadlessResult; remote: string}> {
	const {flags, signal} = context;
	const note = (line: string) => context.stderr.write(`${printable(redact(line))}\n`);
	const {ref, token} = options;
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

	const name = formatRepoRef(ref);
	const flagBotEmail = flags.botEmail === undefined ? undefined : normalizeBotEmail(flags.botEmail);
	const dir = path.resolve(context.cwd, flags.dir ?? ref.repo);
	await refuseNonEmptyTarget(dir);
	const preferences = options.settings.preferences();
	const auth = flags.auth ?? preferences.auth ?? 'prompt';
	const depth = flags.depth ?? preferences.depth;
	// Before any request: a run that cannot keep the token as asked must not clone.
	const helper: ConfiguredHelper | undefined =
		auth === 'helper'
			? await requireSafeHelper(
					{env: context.env, cwd: context.cwd},
					cloneUrl(options.endpoints.gitUrl, ref),
					{withLocal: false, platform: process.platform},
				)
			: undefined;

	note(`Checking the token against ${name}…`);
	const {endpoints} = options;
	const client = new BitbucketClient({
		apiUrl: endpoints.apiUrl,
		webUrl: endpoints.gitUrl,
		token,
		dispatcher,
	});
	const verified = await verifyAccess({endpoints, ref, token, client, dispatcher, signal});
	const branch = flags.branch ?? verified.repository.mainbranch?.name;
	const branchNames = verified.branches.flatMap((candidate) => candidate.name ?? []);
	if (flags.branch !== undefined && branchNames.length > 0 && !branchNames.includes(flags.branch)) {
		throw new UsageError(`There is no branch ${flags.branch} in ${name}.`, {
			hint: `Leave out --branch to clone ${verified.repository.mainbranch?.name ?? 'the main branch'}, or pick one of: ${branchNames.slice(0, 8).join(', ')}.`,
		});
	}

	note(
		`Token accepted for ${name}: ${verified.canPush ? 'it can clone and push' : 'it can clone but not push (no repository:write scope)'}.`,
	);
	for (const line of verified.grant ? grantLines(verified.grant, {push: true}) : []) {
		note(line);
	}

	const limit = flags.limit ?? (flags.json ? jsonCommitCount : plainCommitCount);
	const commits =
		branch === undefined || branchNames.length === 0
			? []
			: await latestCommits(client, ref, branch, Math.max(limit, botSearchDepth), signal);
	const botEmail =
		flagBotEmail ??
		rememberedOrFound(options.settings, ref, commits, {
			webUrl: endpoints.gitUrl,
			note,
		});

	const nonBot = nonBotEmailWarning(botEmail);
	if (nonBot !== undefined) {
		note(`warning: ${nonBot}`);
	}

	if (auth === 'embed') {
		note(
			`warning: --auth embed stores the token as plain text in ${path.join(dir, '.git', 'config')}.`,
		);
	}

	note(
		`Cloning ${name}${branch ? ` (branch ${branch})` : ''}${depth ? `, last ${depth} commits` : ''} into ${dir}…`,
	);
	const clone = await cloneRepository({
		dir,
		gitUrl: endpoints.gitUrl,
		ref,
		token,
		auth,
		...(flags.branch === undefined ? {} : {branch: flags.branch}),
		...(depth === undefined ? {} : {depth}),
		onProgress: createProgressLines(note),
		signal,
		dispatcher,
		...(helper === undefined
			? {}
			: {
					afterClone: (cloned: string) =>
						keepTokenInHelper({
							dir: cloned,
							gitUrl: endpoints.gitUrl,
							ref,
							token,
							helper: helper.value,
							env: context.env,
						}),
				}),
	});
	await setLocalIdentity(clone.dir, {email: botEmail});
	try {
		options.settings.remember({workspace: ref.workspace, repo: ref.repo, dir: clone.dir, botEmail});
	} catch (error) {
		// The clone is done; a settings file that cannot be written only costs the next run a flag.
		note(`warning: ${error instanceof BbtokError ? error.message : 'cannot save settings.'}`);
	}

	const result: HeadlessResult = {
		ok: true,
		repository: name,
		dir: clone.dir,
		branch: clone.branch,
		head: clone.head,
		auth,
		helper: helper?.name ?? null,
		botEmail,
		canPush: verified.canPush,
		scopes: verified.grant?.scopes ?? null,
		credentialType: verified.grant?.credentialType ?? null,
		commits: commits.slice(0, limit).map(commitRecord),
	};
	// Redacted: with --auth embed the URL carries the token.
	return {result, remote: redact(remoteUrlFor(endpoints.gitUrl, ref, auth, token))};
}

/** Fails before any request when the clone could not go there anyway; the clone checks again. */
async function refuseNonEmptyTarget(dir: string): Promise<void> {
	const entries = await readdir(dir).catch(() => []);
	if (entries.length > 0) {
		throw new UsageError(`The clone target ${dir} already exists and is not empty.`, {
			hint: 'Choose another directory with --dir, or empty this one first.',
		});
	}
}

async function latestCommits(
	client: BitbucketClient,
	ref: RepoRef,
	branch: string,
	count: number,
	signal: AbortSignal,
): Promise<Commit[]> {
	const first = await client.listCommits(ref, {
		revision: branch,
		pagelen: Math.min(100, Math.max(10, count)),
		signal,
	});
	const commits: Commit[] = [];
	for await (const commit of client.paginate(first, {signal})) {
		commits.push(commit);
		if (commits.length >= count) {
			break;
		}
	}

	return commits;
}

/** The bot email remembered for this repository, else the only bot in its recent history. */
function rememberedOrFound(
	settings: Settings,
	ref: RepoRef,
	commits: readonly Commit[],
	{webUrl, note}: {webUrl: string; note: (line: string) => void},
): string {
	const remembered = settings.botEmailFor(ref);
	if (remembered !== undefined) {
		note(`Using the bot email remembered for ${formatRepoRef(ref)}: ${remembered}.`);
		return remembered;
	}

	const found = botEmailsFromCommits(commits);
	if (found.length === 1) {
		note(
			`Using the bot email found in recent commits: ${found[0]} (pass --bot-email if this token has another bot).`,
		);
		return found[0]!;
	}

	const seen = found.length > 1 ? ` Recent commits show ${found.join(', ')}.` : '';
	throw new UsageError(
		`The token's bot email is needed: pass --bot-email (the API cannot tell it).${seen}`,
		{
			hint: `Copy it from ${accessTokensPage(ref, webUrl)}, e.g. --bot-email 1a2b3c4d@bots.bitbucket.org.`,
		},
	);
}
