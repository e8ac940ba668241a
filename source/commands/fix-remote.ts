/**
 * `bbtok-tui fix-remote [PATH] [--remote NAME]`: points an existing clone's Bitbucket remote
 * at token auth and sets its bot email, after verifying the token and showing the exact
 * change. Interactive runs render the Ink screens (loaded only then); others run headless.
 */

import type {CommandContext} from '../core/context.js';
import type {ExitCode} from '../core/errors.js';
import {runHeadlessFixRemote} from '../fix-remote/headless.js';
import {prepareFixRemote} from '../fix-remote/setup.js';

export async function fixRemote(context: CommandContext): Promise<ExitCode> {
	if (context.flags.scan !== undefined) {
		return (await import('./fix-remote-scan.js')).fixRemoteScan(context);
	}

	const setup = await prepareFixRemote(context);
	if (context.interactive) {
		const {renderFixRemote} = await import('../ui/fix-remote/render.js');
		return renderFixRemote({context, setup});
	}

	return runHeadlessFixRemote(context, setup);
}
