/**
 * The steps of onboarding, each one call that both front ends make: the headless run in
 * order (headless.ts), the wizard one per hook. They reach the outside world only through
 * the run's Services; the wizard's hooks add nothing but React state around them.
 */
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import type {BitbucketClient} from '../../bitbucket/client.js';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {Commit} from '../../bitbucket/types.js';
import {messageOf} from '../../core/output.js';
import type {Advertisement} from '../../git/advertisement.js';
import type {CloneProgress, CloneResult} from '../../git/clone.js';
import {
	type ConfiguredHelper,
	helpersFor,
	requireSafeHelper,
	safeHelper,
} from '../../git/credential-helper.js';
import {setLocalIdentity} from '../../git/identity.js';
import type {Services} from '../../services/services.js';
import type {Settings} from '../../settings/store.js';
import type {Verified} from '../verify.js';
import type {CloneChoices, Identity} from './rules.js';

type Signal = {readonly signal?: AbortSignal | undefined};

/** Does the token reach the repository, and may it push? Loads the probe only when run. */
export async function verifyStep(
	services: Services,
	{ref, token, signal}: {readonly ref: RepoRef; readonly token: string} & Signal,
): Promise<Verified> {
	const [{verifyAccess}, client, dispatcher] = await Promise.all([
		import('../verify.js'),
		services.api(token),
		services.dispatcher(),
	]);
	return verifyAccess({endpoints: services.endpoints, ref, token, client, dispatcher, signal});
}

/** The newest `count` commits of a branch, newest first, paging as needed. */
export async function latestCommitsStep(
	client: Pick<BitbucketClient, 'listCommits' | 'paginate'>,
	{ref, branch, count, signal}: {ref: RepoRef; branch: string; count: number} & Signal,
): Promise<Commit[]> {
	const first = await client.listCommits(ref, {
		revision: branch,
		pagelen: Math.min(100, Math.max(10, count)),
		...(signal ? {signal} : {}),
	});
	const commits: Commit[] = [];
	for await (const commit of client.paginate(first, signal ? {signal} : {})) {
		commits.push(commit);
		if (commits.length >= count) {
			break;
		}
	}

	return commits;
}

/** A commit list asked for now and read later: its commits, or its failure, kept for whoever needs it. */
export type Listing = Promise<{readonly commits: Commit[]} | {readonly error: unknown}>;

export function startLatestCommits(...args: Parameters<typeof latestCommitsStep>): Listing {
	return latestCommitsStep(...args).then(
		(commits) => ({commits}),
		(error: unknown) => ({error}),
	);
}

/** The listed commits, or the listing's failure thrown; none when nothing was asked for. */
export async function listedCommits(listing: Listing | undefined): Promise<Commit[]> {
	const outcome = await listing;
	if (outcome !== undefined && 'error' in outcome) {
		throw outcome.error;
	}

	return outcome?.commits ?? [];
}

export type TargetStatus =
	| {readonly kind: 'checking'}
	| {
			readonly kind: 'new' | 'empty' | 'not-empty' | 'not-a-directory' | 'unreadable';
			readonly path: string;
	  };

/** Whether the clone could go to `dir` (absolute): the clone refuses a non-empty folder. */
export async function checkTarget(dir: string): Promise<TargetStatus> {
	try {
		const entries = await readdir(dir);
		return {kind: entries.length === 0 ? 'empty' : 'not-empty', path: dir};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const kind = code === 'ENOENT' ? 'new' : code === 'ENOTDIR' ? 'not-a-directory' : 'unreadable';
		return {kind, path: dir};
	}
}

export function targetUsable(status: TargetStatus): boolean {
	return status.kind === 'new' || status.kind === 'empty';
}

/** The clone target as an absolute path: relative choices start in the run's working directory. */
export function targetOf(services: Pick<Services, 'cwd'>, choices: Pick<CloneChoices, 'dir'>) {
	return path.resolve(services.cwd, choices.dir);
}

/**
 * The credential helper helper mode hands the token to, asked of git (a few ms) for `url`:
 * with `required` (--auth helper) none that is safe is exit 2, before anything is asked or
 * sent; else undefined when there is none (or no git), and helper mode is not offered.
 */
export async function helperStep(
	services: Pick<Services, 'env' | 'cwd'>,
	{url, required}: {readonly url: string; readonly required: boolean},
): Promise<ConfiguredHelper | undefined> {
	const run = {env: services.env, cwd: services.cwd};
	if (required) {
		return requireSafeHelper(run, url, {withLocal: false, platform: process.platform});
	}

	return helpersFor(run, url, {withLocal: false}).then(safeHelper, () => undefined);
}

/** The clone; on failure or abort it removes what it created. isomorphic-git loads only here. */
export async function cloneStep(
	services: Services,
	options: {
		readonly ref: RepoRef;
		readonly token: string;
		readonly choices: CloneChoices;
		/** Helper mode's helper: the finished clone's token goes to it, or the clone is undone. */
		readonly helper?: ConfiguredHelper | undefined;
		/** The token check's upload-pack advertisement, used if still fresh. */
		readonly advertisement?: Advertisement | undefined;
		readonly onProgress?: (progress: CloneProgress) => void;
	} & Signal,
): Promise<CloneResult> {
	const {ref, token, choices, helper, advertisement, onProgress, signal} = options;
	const [{cloneRepository}, dispatcher] = await Promise.all([
		import('../../git/clone.js'),
		services.dispatcher(),
	]);
	return cloneRepository({
		dir: targetOf(services, choices),
		gitUrl: services.endpoints.gitUrl,
		ref,
		token,
		auth: choices.auth,
		...(choices.branch === undefined ? {} : {branch: choices.branch}),
		...(choices.depth === undefined ? {} : {depth: choices.depth}),
		...(onProgress ? {onProgress} : {}),
		...(signal ? {signal} : {}),
		...(advertisement ? {advertisement} : {}),
		dispatcher,
		...(choices.auth === 'helper' && helper
			? {
					afterClone: async (dir: string) => {
						const {keepTokenInHelper} = await import('../../git/helper-auth.js');
						const {gitUrl} = services.endpoints;
						await keepTokenInHelper({
							dir,
							gitUrl,
							ref,
							token,
							helper: helper.value,
							env: services.env,
						});
					},
				}
			: {}),
	});
}

/**
 * After the clone: its commit identity, then what is remembered for next time (the
 * repository, its folder and bot email; the auth mode and depth as preferences). (Helper
 * mode's token went to its helper inside cloneStep: a clone whose helper refused it is
 * undone like any failed clone.) Settings are never fatal: a file that cannot be written
 * comes back as `warning`.
 */
export async function configureStep(
	settings: Settings,
	options: {
		readonly ref: RepoRef;
		readonly clone: Pick<CloneResult, 'dir'>;
		readonly choices: Pick<CloneChoices, 'auth' | 'depth'>;
		readonly identity: Identity;
	},
): Promise<{warning?: string}> {
	const {ref, clone, choices, identity} = options;
	await setLocalIdentity(clone.dir, identity);
	try {
		settings.remember({
			workspace: ref.workspace,
			repo: ref.repo,
			dir: clone.dir,
			botEmail: identity.email,
		});
		settings.setPreferences({auth: choices.auth, depth: choices.depth});
		return {};
	} catch (error) {
		return {warning: messageOf(error)};
	}
}
