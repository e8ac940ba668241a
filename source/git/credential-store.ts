/**
 * Puts a token into the credential helpers git asks for a repository, takes it out again, and
 * asks them for it without ever prompting. Each runs `git credential` in the clone, so the
 * clone's own config (the helper list scoped to its URL, `useHttpPath`) decides who hears it.
 * The token travels only on git's stdin, never in arguments or files.
 */
import {BbtokError} from '../core/errors.js';
import {registerSecret} from '../core/redaction.js';
import {
	type CredentialFields,
	credentialFieldsOf,
	credentialInput,
	credentialKeyUrl,
} from './credential-url.js';
import {type GitRun, runGit} from './git-cli.js';
import {tokenUsername} from './remote-url.js';

/** A helper that asks a person (a keychain dialog, a browser) is given up on after this. */
const fillTimeoutMs = 5000;
const storeTimeoutMs = 15_000;

/**
 * Never prompt: no terminal prompt, an askpass that fails, and Git Credential Manager told
 * not to open a window. `status` must answer from what is stored or say nothing is.
 */
const silentEnv: NodeJS.ProcessEnv = {
	GIT_TERMINAL_PROMPT: '0',
	GIT_ASKPASS: 'false',
	SSH_ASKPASS: 'false',
	GCM_INTERACTIVE: 'never',
};

function fieldsFor(url: string): CredentialFields {
	return {...credentialFieldsOf(url), username: tokenUsername};
}

/**
 * `-c` options that make `helper` the only one git asks for `url`, whatever the config files
 * say at that moment (a clone whose scoped list is being written or was just removed).
 */
function onlyHelper(url: string, helper: string | undefined): string[] {
	if (helper === undefined) {
		return [];
	}

	const key = `credential.${credentialKeyUrl(url)}.helper`;
	return ['-c', `${key}=`, '-c', `${key}=${helper}`];
}

/** Hands `token` to the helpers git asks for `url` from `run.cwd` (`git credential approve`), or to `helper` alone. */
export async function approveToken(
	run: GitRun,
	url: string,
	token: string,
	helper?: string,
): Promise<void> {
	const result = await runGit(
		run,
		[...onlyHelper(url, helper), '-c', 'credential.interactive=never', 'credential', 'approve'],
		{input: credentialInput(fieldsFor(url), token), timeoutMs: storeTimeoutMs, env: silentEnv},
	);
	if (result.code !== 0) {
		throw new BbtokError(
			`The credential helper did not take the token (git credential approve ${result.timedOut ? 'timed out' : `exited ${result.code}`}).`,
			{hint: 'Check the helper with git credential-<name>, or use --auth prompt.'},
		);
	}
}

/** Erases what the helpers keep for `url` (`git credential reject`); the old token is never needed for it. */
export async function rejectToken(run: GitRun, url: string, helper?: string): Promise<void> {
	const args = [
		...onlyHelper(url, helper),
		'-c',
		'credential.interactive=never',
		'credential',
		'reject',
	];
	const result = await runGit(run, args, {
		input: credentialInput(fieldsFor(url)),
		timeoutMs: storeTimeoutMs,
		env: silentEnv,
	});
	if (result.code !== 0) {
		throw new BbtokError(
			`The credential helper did not erase the old token (git credential reject ${result.timedOut ? 'timed out' : `exited ${result.code}`}).`,
		);
	}
}

/**
 * What the helpers answer for `url`, asked non-interactively; undefined when none holds a
 * password for it (or one would have had to ask a person).
 */
export async function fillToken(run: GitRun, url: string): Promise<string | undefined> {
	const result = await runGit(run, ['-c', 'credential.interactive=never', 'credential', 'fill'], {
		input: credentialInput(fieldsFor(url)),
		timeoutMs: fillTimeoutMs,
		env: silentEnv,
	});
	if (result.code !== 0) {
		return undefined;
	}

	const password = /^password=(.*)$/m.exec(result.stdout)?.[1];
	if (password === undefined || password === '') {
		return undefined;
	}

	registerSecret(password);
	return password;
}
