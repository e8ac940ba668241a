/**
 * fix-remote without prompts (`--no-input`, or no TTY): everything comes from PATH, flags
 * and variables; progress and the diff go to stderr as plain lines, the result to stdout
 * (one JSON object with --json). The config is written only after the token passed both
 * checks, and without asking: running headless is the confirmation.
 */

import {accessTokensPage} from '../bitbucket/web-pages.js';
import type {CommandContext} from '../core/context.js';
import {ExitCode, InterruptedError, UsageError} from '../core/errors.js';
import {terminalSafeJson} from '../core/terminal-text.js';
import {remoteUrlFor} from '../git/remote-url.js';
import {nonBotEmailWarning} from '../use-cases/bot-email.js';
import {readHeadlessToken} from '../use-cases/token-source.js';
import {storeCredentials} from './auth-plan.js';
import {formatDiff} from './diff.js';
import {applyProposal, otherCredentials, proposeFix} from './plan.js';
import {chooseRemote} from './remote-choice.js';
import {credentialLine, proposalLines, resultOf} from './report.js';
import {type FixRemoteSetup, rememberFix, verifyWithDispatcher} from './setup.js';

export async function runHeadlessFixRemote(
	context: CommandContext,
	setup: FixRemoteSetup,
): Promise<ExitCode> {
	const {inspection, endpoints, where} = setup;
	const say = (line: string) => context.stderr.write(`${line}\n`);
	const choice = chooseRemote({
		remotes: inspection.remotes,
		candidates: inspection.candidates,
		requested: context.flags.remote,
		where,
	});
	if (choice.kind === 'ask') {
		const names = choice.candidates.map((candidate) => candidate.remote.name).join(', ');
		throw new UsageError(`Several Bitbucket remotes in ${where}: ${names}.`, {
			hint: 'Pick one with --remote NAME.',
		});
	}

	const {chosen} = choice;
	const token = await readHeadlessToken(context);
	if (token === undefined) {
		throw new UsageError('No token: fix-remote verifies one before it changes anything.', {
			hint: 'Pipe it with --token-stdin, or set BITBUCKET_ACCESS_TOKEN.',
		});
	}

	if (setup.settingsWarning) {
		say(setup.settingsWarning);
	}

	say(`Repository: ${where}`);
	const others = otherCredentials(inspection, chosen);
	for (const found of others) {
		say(`Secret embedded in ${credentialLine(found)}`);
	}

	if (others.length > 0 && !context.flags.stripCredentials) {
		say('  kept as is; pass --strip-credentials to remove these secrets.');
	}

	const plan = setup.plans.get(chosen.remote.name)!;
	const {auth} = plan;
	const identity = setup.botEmail ?? setup.settings.botEmailFor(chosen.ref);
	const proposal = proposeFix({
		inspection,
		chosen,
		proposedUrl: remoteUrlFor(endpoints.gitUrl, chosen.ref, auth, token),
		identity: identity === undefined ? undefined : {email: identity},
		strip: context.flags.stripCredentials ? others : [],
		plan,
		gitUrl: endpoints.gitUrl,
	});
	for (const line of proposalLines(proposal, auth)) {
		say(line);
	}

	const nonBot =
		proposal.identity === undefined ? undefined : nonBotEmailWarning(proposal.identity.email);
	if (nonBot !== undefined) {
		say(`  warning: ${nonBot}`);
	}

	if (proposal.identity === undefined) {
		say(
			`  pass --bot-email to set it (shown on ${accessTokensPage(chosen.ref, endpoints.gitUrl)}).`,
		);
	}

	say(`Verifying the token with ${setup.endpoints.apiUrl} and git…`);
	const {canPush} = await verifyWithDispatcher(context, setup, chosen.ref, token, context.signal);
	say(
		canPush
			? 'Token verified: it can fetch and push.'
			: 'Token verified: it can fetch; pushes will be refused (it lacks repository:write).',
	);

	if (context.signal.aborted) {
		throw new InterruptedError('Interrupted; .git/config was not changed.');
	}

	if (proposal.hunks.length === 0) {
		say('Nothing to change: .git/config already says this.');
	} else {
		for (const line of formatDiff(proposal.hunks, inspection.repository.configPath)) {
			say(line);
		}

		await applyProposal(inspection, proposal);
		say(`Updated ${inspection.repository.configPath}.`);
	}

	// A rotation in helper mode changes no byte of the config: the helper's entry still changes.
	await storeCredentials({
		plan,
		root: inspection.repository.root,
		gitUrl: endpoints.gitUrl,
		chosen,
		token,
		env: context.env,
	});

	const settingsWarning = rememberFix(setup, proposal);
	if (settingsWarning) {
		say(settingsWarning);
	}

	const result = resultOf({root: inspection.repository.root, proposal, canPush});
	context.stdout.write(
		context.flags.json
			? `${terminalSafeJson(result)}\n`
			: `${result.remote} of ${where} now uses ${result.url}\n`,
	);
	return ExitCode.ok;
}
