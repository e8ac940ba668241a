/**
 * What both the headless run and the interactive screens start from: the repository
 * inspected, the settings, the auth mode and the bot email given on the command line, all
 * read once on the run's services.
 */
import path from 'node:path';
import type {CommandContext} from '../../core/context.js';
import {UsageError} from '../../core/errors.js';
import type {Services} from '../../services/services.js';
import type {Settings} from '../../settings/store.js';
import {normalizeBotEmail} from '../bot-email.js';
import {type AuthPlan, planAuth} from './auth-plan.js';
import {displayPath, type Inspection, inspectRepository} from './inspect.js';

export type FixRemoteSetup = {
	readonly services: Services;
	readonly inspection: Inspection;
	readonly settings: Settings;
	readonly settingsWarning: string | undefined;
	/** How each Bitbucket remote would be left (by remote name): `--auth`, else the clone's own mode. */
	readonly plans: ReadonlyMap<string, AuthPlan>;
	/** From --bot-email, normalized. */
	readonly botEmail: string | undefined;
	/** --strip-credentials: every other secret found is stripped without asking. */
	readonly stripAll: boolean;
	/** The repository as messages name it. */
	readonly where: string;
};

export async function prepareFixRemote(
	context: Pick<CommandContext, 'args' | 'flags'>,
	services: Services,
): Promise<FixRemoteSetup> {
	if (context.args.length > 1) {
		throw new UsageError(`fix-remote takes one PATH, not ${context.args.length}.`, {
			hint: 'Usage: bbtok-tui fix-remote [PATH] [--remote NAME]',
		});
	}

	const {flags} = context;
	const botEmail = flags.botEmail === undefined ? undefined : normalizeBotEmail(flags.botEmail);
	const inspection = await inspectRepository(
		path.resolve(services.cwd, context.args[0] ?? '.'),
		services.endpoints.gitUrl,
	);
	const {settings, warning} = await services.settings();
	return {
		services,
		inspection,
		settings,
		settingsWarning: warning,
		plans: await planEach(inspection, context, services),
		botEmail,
		stripAll: flags.stripCredentials,
		where: displayPath(inspection.repository, services.cwd),
	};
}

/** Before anything is asked or sent: `--auth helper` without a safe helper is refused here (exit 2). */
async function planEach(
	inspection: Inspection,
	context: Pick<CommandContext, 'flags'>,
	services: Services,
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
			gitUrl: services.endpoints.gitUrl,
			env: services.env,
			platform: process.platform,
		});
		plans.set(chosen.remote.name, plan);
	}

	return plans;
}
