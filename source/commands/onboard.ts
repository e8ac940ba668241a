/**
 * `bbtok-tui [onboard] [REPO]`: from a token to a clone that pushes as the token's bot. Resolves
 * where to connect, the settings and REPO, then runs the Ink wizard on a terminal (loaded only
 * then) or the headless flow for scripts; both drive use-cases/onboard on the run's services.
 */
import {parseRepoRef} from '../bitbucket/repo-ref.js';
import type {CommandContext} from '../core/context.js';
import {type ExitCode, UsageError} from '../core/errors.js';
import {withServices} from '../services/services.js';
import {readHeadlessToken, tokenFromEnv} from '../use-cases/token-source.js';

export async function onboard(context: CommandContext): Promise<ExitCode> {
	return withServices(context, async (services) => {
		const [repoArgument, ...extra] = context.args;
		if (extra.length > 0) {
			throw new UsageError(`onboard takes one REPO, not ${context.args.length} arguments.`, {
				hint: 'Pass REPO as workspace/repo or a Bitbucket URL; options start with --.',
			});
		}

		const ref =
			repoArgument === undefined
				? undefined
				: parseRepoRef(repoArgument, {gitUrl: services.endpoints.gitUrl});
		const {settings, warning} = await services.settings();
		if (context.interactive) {
			const envToken = tokenFromEnv(context.env);
			const {renderOnboard} = await import('../ui/onboard/render.js');
			return renderOnboard({
				context,
				services,
				settings,
				...(ref ? {initialRef: ref} : {}),
				...(envToken ? {envToken} : {}),
				...(warning ? {settingsWarning: warning} : {}),
			});
		}

		if (warning) {
			context.stderr.write(`${warning}\n`);
		}

		const token = await readHeadlessToken(context);
		const {runHeadlessOnboard} = await import('../use-cases/onboard/headless.js');
		return runHeadlessOnboard(context, services, {ref, token, settings});
	});
}
