/**
 * `bbtok-tui demo`: the onboarding flow against the embedded sandbox (a local stand-in for
 * Bitbucket Cloud with a throwaway token), so it can be tried without an account. The sandbox
 * closes on every way out; its repositories stay out of the user's settings.
 */
import type {Endpoints} from '../bitbucket/endpoints.js';
import {normalizeToken} from '../bitbucket/token.js';
import {type ExitCode, UsageError} from '../errors.js';
import {runHeadlessOnboard} from '../onboard/headless.js';
import {memorySettings} from '../settings/store.js';
import type {CommandContext} from './context.js';

export const demoRepository = {workspace: 'acme', repo: 'widget'} as const;

export async function demo(context: CommandContext): Promise<ExitCode> {
	if (context.args.length > 0) {
		throw new UsageError('demo takes no REPO: it always uses the sandbox.', {
			hint: 'Run bbtok-tui demo, or bbtok-tui REPO for a real repository.',
		});
	}

	const {startSandbox} = await import('../sandbox/index.js');
	const sandbox = await startSandbox();
	try {
		const endpoints: Endpoints = {apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl};
		const token = normalizeToken(sandbox.tokens.repoWrite);
		const botEmail = sandbox.botEmails.repoWrite;
		// Shown on purpose: a throwaway token that only this local sandbox accepts.
		const note = `Demo: a local Bitbucket sandbox at ${new URL(endpoints.apiUrl).host} (nothing leaves this machine); its throwaway token for acme/widget is ${token} with bot ${botEmail}.`;
		// The demo's repositories would only clutter the real recent list.
		const settings = memorySettings();

		context.stderr.write(`${note}\n`);
		const flags = {...context.flags, botEmail: context.flags.botEmail ?? botEmail};
		return await runHeadlessOnboard(
			{...context, flags},
			{endpoints, ref: demoRepository, token, settings},
		);
	} finally {
		await sandbox.close();
	}
}
