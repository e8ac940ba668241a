/**
 * `bbtok-tui [onboard] [REPO]`: from a token to a clone that pushes as the token's bot. Resolves
 * where to connect, the settings and REPO, then runs the Ink wizard on a terminal (loaded only
 * then) or the headless flow for scripts.
 */
import {resolveEndpoints} from '../bitbucket/endpoints.js';
import {parseRepoRef} from '../bitbucket/repo-ref.js';
import {normalizeToken} from '../bitbucket/token.js';
import type {CommandContext} from '../core/context.js';
import {type ExitCode, UsageError} from '../core/errors.js';
import {readHeadlessToken} from '../onboard/token-source.js';
import {openSettings} from '../settings/store.js';

export async function onboard(context: CommandContext): Promise<ExitCode> {
	const endpoints = resolveEndpoints(context.flags, context.env);
	const [repoArgument, ...extra] = context.args;
	if (extra.length > 0) {
		throw new UsageError(`onboard takes one REPO, not ${context.args.length} arguments.`, {
			hint: 'Pass REPO as workspace/repo or a Bitbucket URL; options start with --.',
		});
	}

	const ref =
		repoArgument === undefined ? undefined : parseRepoRef(repoArgument, {gitUrl: endpoints.gitUrl});
	const {settings, warning} = openSettings(context.env);
	if (context.interactive) {
		const fromEnv = context.env.BITBUCKET_ACCESS_TOKEN?.trim();
		const {renderOnboard} = await import('../ui/onboard/render.js');
		return renderOnboard({
			context,
			endpoints,
			...(ref ? {initialRef: ref} : {}),
			...(fromEnv ? {envToken: normalizeToken(fromEnv)} : {}),
			settings,
			...(warning ? {settingsWarning: warning} : {}),
		});
	}

	if (warning) {
		context.stderr.write(`${warning}\n`);
	}

	const token = await readHeadlessToken(context);
	const {runHeadlessOnboard} = await import('../onboard/headless.js');
	return runHeadlessOnboard(context, {endpoints, ref, token, settings});
}
