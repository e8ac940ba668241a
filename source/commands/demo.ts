/**
 * `bbtok-tui demo`: the onboarding flow against the embedded sandbox (a local stand-in for
 * Bitbucket Cloud with a throwaway token), so it can be tried without an account. The sandbox
 * closes on every way out; its repositories stay out of the user's settings file.
 */
import type {Endpoints} from '../bitbucket/endpoints.js';
import {normalizeToken} from '../bitbucket/token.js';
import type {CommandContext} from '../core/context.js';
import {type ExitCode, UsageError} from '../core/errors.js';
import {withServices} from '../services/services.js';
import {memorySettings} from '../settings/store.js';
import {runHeadlessOnboard} from '../use-cases/onboard/headless.js';

export const demoRepository = {workspace: 'acme', repo: 'widget'} as const;

export async function demo(context: CommandContext): Promise<ExitCode> {
	if (context.args.length > 0) {
		throw new UsageError('demo takes no REPO: it always uses the sandbox.', {
			hint: 'Run bbtok-tui demo, or bbtok-tui REPO for a real repository.',
		});
	}

	const {startSandbox} = await import('../sandbox/index.js');
	const sandbox = await startSandbox({env: context.env, seedStatuses: true});
	try {
		const endpoints: Endpoints = {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl};
		const token = normalizeToken(sandbox.tokens.repoWrite);
		const botEmail = sandbox.botEmails.repoWrite;
		const note = `Demo: a local Bitbucket sandbox at ${new URL(endpoints.apiUrl).host} (nothing leaves this machine) with a throwaway token for acme/widget.`;
		// In memory only: the demo's repositories would clutter the real recent list. Listing
		// acme/widget there makes the repository step offer it.
		const settings = memorySettings();
		settings.remember(demoRepository);
		// Headless, the sandbox's bot is known: the run needs no --bot-email.
		const run = context.interactive
			? context
			: {...context, flags: {...context.flags, botEmail: context.flags.botEmail ?? botEmail}};
		return await withServices(
			run,
			async (services) => {
				if (context.interactive) {
					const {renderOnboard} = await import('../ui/onboard/render.js');
					return renderOnboard({context, services, settings, demo: {token, botEmail, note}});
				}

				// Shown on purpose: only this sandbox accepts it, and it dies with the process.
				context.stderr.write(`${note} Its token is ${token}; its bot is ${botEmail}.\n`);
				return runHeadlessOnboard(run, services, {ref: demoRepository, token, settings});
			},
			{endpoints, settings},
		);
	} finally {
		await sandbox.close();
	}
}
