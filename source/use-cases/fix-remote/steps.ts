/**
 * The steps of fix-remote, each one call that both front ends make: the headless run in
 * headlessOrder, the screens one per effect. Where the two differ, it is decided here:
 * - Headless needs every answer up front: several Bitbucket remotes without --remote, or no
 *   token, is exit 2; the screens ask for the remote and the token (and again after a token
 *   Bitbucket refused, unless it came from BITBUCKET_ACCESS_TOKEN).
 * - Headless shows the proposal before it verifies the token (the change is visible even when
 *   the token fails); the screens verify first and show the diff as the last question.
 * - An unknown bot email is left as it is headless (with where to find it); the screens ask.
 * - Other remotes' secrets are stripped headless only with --strip-credentials; the screens
 *   ask unless --strip-credentials said yes already.
 * - Headless writes without a question (running it is the confirmation); the screens ask
 *   y/N unless --yes.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {InterruptedError} from '../../core/errors.js';
import {messageOf} from '../../core/output.js';
import {remoteUrlFor} from '../../git/remote-url.js';
import type {Services} from '../../services/services.js';
import {storeCredentials} from './auth-plan.js';
import type {EmbeddedCredential} from './credentials.js';
import {applyProposal, otherCredentials, type Proposal, proposeFix} from './plan.js';
import type {BitbucketRemote} from './remote-choice.js';
import type {FixRemoteSetup} from './setup.js';

export const headlessOrder = ['remote', 'token', 'proposal', 'verify', 'apply'] as const;
export const screenOrder = [
	'remote',
	'token',
	'verify',
	'email',
	'credentials',
	'preview',
	'apply',
] as const;

export const notChanged = '.git/config was not changed.';

/** What is known once the remote is chosen: the bot email to set, and the other secrets found. */
export function remoteChosen(
	setup: FixRemoteSetup,
	chosen: BitbucketRemote,
): {
	readonly botEmail: string | undefined;
	readonly others: readonly EmbeddedCredential[];
	/** Decided without a question: all of `others` with --strip-credentials, none when there are none. */
	readonly strip: readonly EmbeddedCredential[] | undefined;
} {
	const others = otherCredentials(setup.inspection, chosen);
	return {
		botEmail: setup.botEmail ?? setup.settings.botEmailFor(chosen.ref),
		others,
		strip: setup.stripAll ? others : others.length === 0 ? [] : undefined,
	};
}

/** The change to .git/config, exactly as applyStep writes it. */
export function proposalFor(
	setup: FixRemoteSetup,
	options: {
		readonly chosen: BitbucketRemote;
		readonly token: string;
		readonly botEmail: string | undefined;
		readonly strip: readonly EmbeddedCredential[];
	},
): Proposal {
	const {chosen, token, botEmail, strip} = options;
	const {gitUrl} = setup.services.endpoints;
	const plan = setup.plans.get(chosen.remote.name)!;
	return proposeFix({
		inspection: setup.inspection,
		chosen,
		proposedUrl: remoteUrlFor(gitUrl, chosen.ref, plan.auth, token),
		identity: botEmail === undefined ? undefined : {email: botEmail},
		strip,
		plan,
		gitUrl,
	});
}

/** The token against the repository, on the run's one connection stack. */
export async function verifyStep(
	services: Services,
	options: {readonly ref: RepoRef; readonly token: string; readonly signal?: AbortSignal},
): Promise<{canPush: boolean}> {
	const {ref, token, signal} = options;
	try {
		const [{verifyAccess}, client, dispatcher] = await Promise.all([
			import('../verify.js'),
			services.api(token),
			services.dispatcher(),
		]);
		const {canPush} = await verifyAccess({
			endpoints: services.endpoints,
			ref,
			token,
			client,
			dispatcher,
			signal,
		});
		return {canPush};
	} catch (error) {
		throw signal?.aborted ? new InterruptedError(`Interrupted; ${notChanged}`) : error;
	}
}

/**
 * Writes the proposal (nothing when there is nothing to change), then hands the token to the
 * plan's credential helper (and erases the old helper's entry when the clone leaves it), then
 * remembers the repository with its bot email for next time (never the token). Settings are
 * never fatal: a failure comes back as `warning`.
 */
export async function applyStep(
	setup: FixRemoteSetup,
	{proposal, chosen, token}: {proposal: Proposal; chosen: BitbucketRemote; token: string},
): Promise<{readonly written: boolean; readonly warning?: string}> {
	const written = await applyProposal(setup.inspection, proposal);
	// A rotation in helper mode changes no byte of the config: the helper's entry still changes.
	await storeCredentials({
		plan: proposal.plan,
		root: setup.inspection.repository.root,
		gitUrl: setup.services.endpoints.gitUrl,
		chosen,
		token,
		env: setup.services.env,
	});
	try {
		setup.settings.remember({
			workspace: proposal.ref.workspace,
			repo: proposal.ref.repo,
			dir: setup.inspection.repository.root,
			...(proposal.identity ? {botEmail: proposal.identity.email} : {}),
		});
		return {written};
	} catch (error) {
		return {written, warning: `Settings not saved: ${messageOf(error)}`};
	}
}
