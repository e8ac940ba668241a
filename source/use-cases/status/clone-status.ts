/**
 * `status PATH`: the health of one clone's token auth, like `gh auth status`. It reads the
 * clone's config, asks the credential helpers without prompting, and asks Bitbucket (one REST
 * request for the scopes, credential type and rate limit; the upload-pack and receive-pack
 * advertisements for fetch and push). It never prompts and never writes a byte.
 */

import {checkScopes} from '../../bitbucket/grant.js';
import type {RateLimit} from '../../bitbucket/rate-limit.js';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {classifyToken, refusalFor, type TokenKind} from '../../bitbucket/token.js';
import {AuthError, ExitCode, exitCodeOf, UsageError} from '../../core/errors.js';
import {describeError} from '../../core/output.js';
import {redact} from '../../core/redaction.js';
import {type FoundAuthMode, remoteAuthOf, type Verdict} from '../../git/auth-mode.js';
import {scopedHelperOf} from '../../git/credential-config.js';
import {helperName} from '../../git/credential-helper.js';
import {probeAccess} from '../../git/probe.js';
import type {Services} from '../../services/services.js';
import {nonBotEmailWarning} from '../bot-email.js';
import {displayPath, inspectRepository} from '../fix-remote/inspect.js';
import {chooseRemote} from '../fix-remote/remote-choice.js';
import {findToken, type GivenToken, type TokenSource} from './find-token.js';

export type CloneStatus = {
	ok: boolean;
	exitCode: ExitCode;
	path: string;
	repository: string;
	remote: {name: string; url: string};
	mode: FoundAuthMode;
	verdict: Verdict;
	/** The helper the clone scopes to its URL (helper mode). */
	helper: string | null;
	token: {source: TokenSource | null; kind: TokenKind | null};
	fetch: boolean | null;
	push: boolean | null;
	scopes: string[] | null;
	credentialType: string | null;
	missingScopes: string[];
	beyondScopes: string[];
	rateLimit: RateLimit | null;
	userEmail: {value: string | null; bot: boolean};
	problem: {message: string; hint?: string} | null;
};

export async function cloneStatus(options: {
	services: Services;
	path: string;
	remote?: string;
	given: GivenToken;
	env: NodeJS.ProcessEnv;
	signal: AbortSignal;
}): Promise<CloneStatus> {
	const {services, signal} = options;
	const {gitUrl} = services.endpoints;
	const inspection = await inspectRepository(options.path, gitUrl).catch((error: unknown) => {
		// Not a clone: the way on is this command's, not fix-remote's.
		throw error instanceof UsageError
			? new UsageError(error.message, {
					hint: 'Run it inside a clone or give its path (bbtok-tui status PATH), or check every clone under a folder with bbtok-tui status --scan DIR.',
				})
			: error;
	});
	const where = displayPath(inspection.repository, services.cwd);
	const choice = chooseRemote({
		remotes: inspection.remotes,
		candidates: inspection.candidates,
		requested: options.remote,
		where,
	});
	if (choice.kind === 'ask') {
		throw new UsageError(
			`Several Bitbucket remotes in ${where}: ${choice.candidates.map((candidate) => candidate.remote.name).join(', ')}.`,
			{hint: 'Pick one with --remote NAME.'},
		);
	}

	const {remote, ref} = choice.chosen;
	const helper = scopedHelperOf(inspection.config, remote.url) ?? null;
	const auth = remoteAuthOf(remote.url, {helperScoped: helper !== null});
	const email = inspection.config.get({section: 'user'}, 'email') ?? null;
	const status: CloneStatus = {
		ok: false,
		exitCode: ExitCode.auth,
		path: inspection.repository.root,
		repository: formatRepoRef(ref),
		remote: {name: remote.name, url: redact(remote.url)},
		mode: auth.mode,
		verdict: auth.verdict,
		helper: helper === null ? null : helperName(helper),
		token: {source: null, kind: null},
		fetch: null,
		push: null,
		scopes: null,
		credentialType: null,
		missingScopes: [],
		beyondScopes: [],
		rateLimit: null,
		userEmail: {value: email, bot: email !== null && nonBotEmailWarning(email) === undefined},
		problem: null,
	};
	const git = {env: options.env, cwd: inspection.repository.root};
	const {found, helperUnavailable} = await findToken({
		remoteUrl: remote.url,
		git,
		given: options.given,
	});
	if (found === undefined) {
		return withProblem(status, ExitCode.auth, {
			message: `No token found for ${where}: none in the remote URL${helperUnavailable ? '' : ', none in a credential helper'}, none given.`,
			hint: helperUnavailable
				? `${helperUnavailable} Or give one with --token-stdin or BITBUCKET_ACCESS_TOKEN.`
				: 'Give one with --token-stdin or BITBUCKET_ACCESS_TOKEN to check it, or run bbtok-tui fix-remote to set one up.',
		});
	}

	const kind = classifyToken(found.value);
	status.token = {source: found.source, kind};
	const refusal = refusalFor(kind);
	if (refusal !== undefined) {
		// Nothing is sent with it: it cannot be an access token.
		return withProblem(status, ExitCode.auth, refusal);
	}

	const client = await services.api(found.value);
	try {
		await client.getRepository(ref, {signal});
		const {canPush} = await probeAccess({
			gitUrl,
			ref,
			token: found.value,
			dispatcher: await services.dispatcher(),
			signal,
		});
		status.fetch = true;
		status.push = canPush;
		status.ok = true;
		status.exitCode = ExitCode.ok;
	} catch (error) {
		withProblem(status, exitCodeOf(error), problemOf(error, where));
	} finally {
		status.rateLimit = client.rateLimit ?? null;
		const grant = client.grant;
		if (grant !== undefined) {
			const check = checkScopes(grant, {push: true});
			status.scopes = [...grant.scopes];
			status.credentialType = grant.credentialType ?? null;
			status.missingScopes = check.missing.map((lack) => lack.scope);
			status.beyondScopes = [...check.beyond];
		}
	}

	return status;
}

function withProblem(
	status: CloneStatus,
	exitCode: ExitCode,
	problem: {message: string; hint?: string},
): CloneStatus {
	status.ok = false;
	status.exitCode = exitCode;
	status.problem = {
		message: redact(problem.message),
		...(problem.hint ? {hint: redact(problem.hint)} : {}),
	};
	return status;
}

/** A rejected token gets the way out: rotate it on Bitbucket, then hand the new one to fix-remote. */
function problemOf(error: unknown, where: string): {message: string; hint?: string} {
	const described = describeError(error);
	if (error instanceof AuthError && error.reason === 'rejected') {
		return {
			message: described.message,
			hint: `Rotate it (repository settings → Access tokens → Rotate), then run bbtok-tui fix-remote ${where} with the new token.`,
		};
	}

	return described;
}
