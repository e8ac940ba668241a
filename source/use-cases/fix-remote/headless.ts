/**
 * fix-remote without prompts (`--no-input`, or no TTY): everything comes from PATH, flags
 * and variables; progress and the diff go to stderr as plain lines, the result to stdout
 * (one JSON object with --json). The steps run in headlessOrder; the config is written only
 * after the token passed both checks, and without asking: running headless is the
 * confirmation.
 */
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import type {CommandContext} from '../../core/context.js';
import {ExitCode, InterruptedError, UsageError} from '../../core/errors.js';
import {terminalSafeJson} from '../../core/terminal-text.js';
import {nonBotEmailWarning} from '../bot-email.js';
import {readHeadlessToken} from '../token-source.js';
import {formatDiff} from './diff.js';
import type {Proposal} from './plan.js';
import {type BitbucketRemote, chooseRemote} from './remote-choice.js';
import {credentialLine, proposalLines, resultOf} from './report.js';
import type {FixRemoteSetup} from './setup.js';
import {applyStep, headlessOrder, proposalFor, remoteChosen, verifyStep} from './steps.js';

/** What the steps know so far; each fills in its part. */
type Run = {chosen?: BitbucketRemote; token?: string; proposal?: Proposal; canPush?: boolean};

export async function runHeadlessFixRemote(
	context: CommandContext,
	setup: FixRemoteSetup,
): Promise<ExitCode> {
	const {inspection, where} = setup;
	const {endpoints} = setup.services;
	const say = (line: string) => context.stderr.write(`${line}\n`);
	const run: Run = {};
	const steps: Record<(typeof headlessOrder)[number], () => Promise<void>> = {
		async remote() {
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

			run.chosen = choice.chosen;
		},
		async token() {
			run.token = await readHeadlessToken(context);
			if (run.token === undefined) {
				throw new UsageError('No token: fix-remote verifies one before it changes anything.', {
					hint: 'Pipe it with --token-stdin, or set BITBUCKET_ACCESS_TOKEN.',
				});
			}
		},
		async proposal() {
			const chosen = run.chosen!;
			if (setup.settingsWarning) {
				say(setup.settingsWarning);
			}

			say(`Repository: ${where}`);
			const {botEmail, others} = remoteChosen(setup, chosen);
			for (const found of others) {
				say(`Secret embedded in ${credentialLine(found)}`);
			}

			if (others.length > 0 && !setup.stripAll) {
				say('  kept as is; pass --strip-credentials to remove these secrets.');
			}

			const strip = setup.stripAll ? others : [];
			const proposal = proposalFor(setup, {chosen, token: run.token!, botEmail, strip});
			for (const line of proposalLines(proposal, proposal.auth)) {
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

			run.proposal = proposal;
		},
		async verify() {
			say(`Verifying the token with ${endpoints.apiUrl} and git…`);
			const {signal} = context;
			const {canPush} = await verifyStep(setup.services, {
				ref: run.chosen!.ref,
				token: run.token!,
				signal,
			});
			say(
				canPush
					? 'Token verified: it can fetch and push.'
					: 'Token verified: it can fetch; pushes will be refused (it lacks repository:write).',
			);
			if (signal.aborted) {
				throw new InterruptedError('Interrupted; .git/config was not changed.');
			}

			run.canPush = canPush;
		},
		async apply() {
			const proposal = run.proposal!;
			if (proposal.hunks.length > 0) {
				for (const line of formatDiff(proposal.hunks, inspection.repository.configPath)) {
					say(line);
				}
			}

			const {written, warning} = await applyStep(setup, {
				proposal,
				chosen: run.chosen!,
				token: run.token!,
			});
			say(
				written
					? `Updated ${inspection.repository.configPath}.`
					: 'Nothing to change: .git/config already says this.',
			);
			if (warning) {
				say(warning);
			}
		},
	};
	for (const name of headlessOrder) {
		await steps[name]();
	}

	const result = resultOf({
		root: inspection.repository.root,
		proposal: run.proposal!,
		canPush: run.canPush!,
	});
	context.stdout.write(
		context.flags.json
			? `${terminalSafeJson(result)}\n`
			: `${result.remote} of ${where} now uses ${result.url}\n`,
	);
	return ExitCode.ok;
}
