/**
 * `bbtok-tui fix-remote [PATH] [--remote NAME]`: points an existing clone's Bitbucket remote
 * at token auth and sets its bot email, after verifying the token and showing the exact
 * change. Interactive runs render the Ink screens (loaded only then); others run headless;
 * both drive use-cases/fix-remote on the run's services.
 */

import type {CommandContext} from '../core/context.js';
import type {ExitCode} from '../core/errors.js';
import {withServices} from '../services/services.js';
import {runHeadlessFixRemote} from '../use-cases/fix-remote/headless.js';
import {prepareFixRemote} from '../use-cases/fix-remote/setup.js';

export async function fixRemote(context: CommandContext): Promise<ExitCode> {
	if (context.flags.scan !== undefined) {
		return (await import('./fix-remote-scan.js')).fixRemoteScan(context);
	}

	return withServices(context, async (services) => {
		const setup = await prepareFixRemote(context, services);
		if (context.interactive) {
			const {renderFixRemote} = await import('../ui/fix-remote/render.js');
			return renderFixRemote({context, setup});
		}

		return runHeadlessFixRemote(context, setup);
	});
}
