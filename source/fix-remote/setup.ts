/**
 * What both the headless run and the interactive screens start from: endpoints, the
 * repository inspected, settings, the auth mode and the bot email given on the command
 * line. Also the two services they share beyond planning: verifying a token (one
 * connection pool per run) and remembering the result.
 */
import path from 'node:path';
import {type Endpoints, resolveEndpoints} from '../bitbucket/endpoints.js';
import {createDispatcher} from '../bitbucket/http.js';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import type {CommandContext} from '../core/context.js';
import {InterruptedError, UsageError} from '../core/errors.js';
import {messageOf} from '../core/output.js';
import {openSettings, type Settings} from '../settings/store.js';
import {normalizeBotEmail} from '../use-cases/bot-email.js';
import {verifyAccess} from '../use-cases/verify.js';
import {type AuthPlan, planAuth} from './auth-plan.js';
import {displayPath, type Inspection, inspectRepository} from './inspect.js';
import type {Proposal} from './plan.js';

export type FixRemoteSetup = {
	readonly endpoints: Endpoints;
	readonly inspection: Inspection;
	readonly settings: Settings;
	readonly settingsWarning: string | undefined;
	/** How each Bitbucket remote would be left (by remote name): `--auth`, else the clone's own mode. */
	readonly plans: ReadonlyMap<string, AuthPlan>;
	/** From --bot-email, normalized. */
	readonly botEmail: string | undefined;
	/** The repository as messages name it. */
	readonly where: string;
};

export async function prepareFixRemote(context: CommandContext): Promise<FixRemoteSetup> {
	if (context.args.length > 1) {
		throw new UsageError(`fix-remote takes one PATH, not ${context.args.length}.`, {
			hint: 'Usage: bbtok-tui fix-remote [PATH] [--remote NAME]',
		});
	}

	const endpoints = resolveEndpoints(context.flags, context.env);
	const botEmail =
		context.flags.botEmail === undefined ? undefined : normalizeBotEmail(context.flags.botEmail);
	const inspection = await inspectRepository(
		path.resolve(context.cwd, context.args[0] ?? '.'),
		endpoints.gitUrl,
	);
	const {settings, warning} = openSettings(context.env);
	return {
		endpoints,
		inspection,
		settings,
		settingsWarning: warning,
		plans: await planEach(inspection, context, endpoints.gitUrl),
		botEmail,
		where: displayPath(inspection.repository, context.cwd),
	};
}

/** Before anything is asked or sent: `--auth helper` without a safe helper is refused here (exit 2). */
async function planEach(
	inspection: Inspection,
	context: CommandContext,
	gitUrl: string,
): Promise<Map<string, AuthPlan>> {
	const plans = new Map<string, AuthPlan>();
	for (const chosen of inspection.candidates) {
		const wanted = context.flags.remote;
		if (wanted !== undefined && chosen.remote.name !== wanted) {
			continue;
		}

		const plan = await planAuth({
			inspection,
			chosen,
			requested: context.flags.auth,
			gitUrl,
			env: context.env,
			platform: process.platform,
		});
		plans.set(chosen.remote.name, plan);
	}

	return plans;
}

export async function verifyWithDispatcher(
	context: Pick<CommandContext, 'env'>,
	setup: Pick<FixRemoteSetup, 'endpoints'>,
	ref: RepoRef,
	token: string,
	signal?: AbortSignal,
): Promise<{canPush: boolean}> {
	const dispatcher = createDispatcher({env: context.env});
	try {
		const {canPush} = await verifyAccess({
			endpoints: setup.endpoints,
			ref,
			token,
			dispatcher,
			signal,
		});
		return {canPush};
	} catch (error) {
		throw signal?.aborted
			? new InterruptedError('Interrupted; .git/config was not changed.')
			: error;
	} finally {
		await dispatcher.close();
	}
}

/**
 * The repository joins the recent list, with its bot email for next time (never the token).
 * Settings are never fatal: a failure comes back as a warning line.
 */
export function rememberFix(setup: FixRemoteSetup, proposal: Proposal): string | undefined {
	try {
		setup.settings.remember({
			workspace: proposal.ref.workspace,
			repo: proposal.ref.repo,
			dir: setup.inspection.repository.root,
			...(proposal.identity ? {botEmail: proposal.identity.email} : {}),
		});
		return undefined;
	} catch (error) {
		return `Settings not saved: ${messageOf(error)}`;
	}
}
