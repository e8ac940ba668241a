/**
 * The texts of the summary that are worth testing on their own: the git commands that do
 * what the wizard did (for scripts; the token never appears, `***` stands in for it) and
 * how the chosen auth mode behaves on the next pull or push.
 */
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../core/context.js';
import {redact} from '../../core/redaction.js';
import {removalCommand} from '../../git/helper-auth.js';
import {remoteUrlFor} from '../../git/remote-url.js';
import {botDomain} from '../../use-cases/bot-email.js';

export type ScriptInput = {
	readonly gitUrl: string;
	readonly ref: RepoRef;
	readonly auth: AuthMode;
	/** As shown to the user, e.g. `./widget`. */
	readonly dir: string;
	readonly branch: string;
	/** The repository's main branch: `--branch` is left out of the bbtok-tui line for it. */
	readonly mainBranch?: string;
	readonly depth?: number;
	readonly email: string;
	readonly name?: string;
};

/** POSIX shell quoting, only where needed. */
export function shellQuote(text: string): string {
	return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

export function equivalentCommands(input: ScriptInput): string[] {
	const {ref, auth, branch, depth, email, name} = input;
	const dir = shellQuote(input.dir);
	// The token is given at git's prompt (or GIT_ASKPASS) in both modes; embed then stores it.
	const url = remoteUrlFor(input.gitUrl, ref, 'prompt');
	const depthFlag = depth === undefined ? '' : ` --depth ${depth}`;
	const lines = [
		`git clone --branch ${shellQuote(branch)}${depthFlag} ${url} ${dir}`,
		`git -C ${dir} config user.email ${shellQuote(email)}`,
	];
	if (name) {
		lines.push(`git -C ${dir} config user.name ${shellQuote(name)}`);
	}

	if (auth === 'embed') {
		lines.push(`git -C ${dir} remote set-url origin ${redactedEmbedUrl(input.gitUrl, ref)}`);
	}

	lines.push(bbtokCommand(input));
	return lines.map(redact);
}

/** The same run headless, leaving out what is the default anyway. */
function bbtokCommand(input: ScriptInput): string {
	const {ref, auth, branch, depth, email} = input;
	const botId = email.endsWith(`@${botDomain}`) ? email.slice(0, -botDomain.length - 1) : email;
	const options = [
		`--bot-email ${shellQuote(botId)}`,
		input.dir === `./${ref.repo}` ? '' : `--dir ${shellQuote(input.dir)}`,
		branch === input.mainBranch ? '' : `--branch ${shellQuote(branch)}`,
		depth === undefined ? '' : `--depth ${depth}`,
		auth === 'prompt' ? '' : `--auth ${auth}`,
	].filter((option) => option !== '');
	return `printf '%s\\n' "$TOKEN" | bbtok-tui ${formatRepoRef(ref)} --token-stdin ${options.join(' ')}`;
}

/** The embed URL with `***` where the token goes. */
function redactedEmbedUrl(gitUrl: string, ref: RepoRef): string {
	return remoteUrlFor(gitUrl, ref, 'embed', 'TOKEN').replace(
		'x-token-auth:TOKEN@',
		'x-token-auth:***@',
	);
}

/** What happens on the next `git pull` / `git push` in the clone. */
export function authBehaviour(
	auth: AuthMode,
	kept: {helper?: string | undefined; gitUrl: string; ref: RepoRef},
): string {
	if (auth === 'helper') {
		return `git pull and push take the token from your credential helper ${kept.helper ?? ''}, which keeps it for this repository only (not in plain text). To remove it, in the clone: ${removalCommand(kept.gitUrl, kept.ref)} (bbtok-tui fix-remote --auth prompt does it too).`;
	}

	return auth === 'prompt'
		? 'git pull and push ask for a password: paste the token (the user x-token-auth is in the remote URL). The token is stored nowhere; a credential helper may keep it for you.'
		: 'git pull and push use the token from .git/config without asking. It is stored there as plain text; bbtok-tui fix-remote switches the clone to prompt.';
}

/** The remote URL as it is in .git/config, with the token redacted. */
export function remoteShown(gitUrl: string, ref: RepoRef, auth: AuthMode): string {
	return auth === 'embed' ? redactedEmbedUrl(gitUrl, ref) : remoteUrlFor(gitUrl, ref, 'prompt');
}
