/**
 * What fix-remote tells the user, as plain lines shared by the headless output and the
 * interactive screens, and the JSON result. Everything built from outside data is redacted.
 */
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../core/context.js';
import {BbtokError} from '../../core/errors.js';
import {messageOf} from '../../core/output.js';
import {redact} from '../../core/redaction.js';
import {helperName} from '../../git/credential-helper.js';
import type {EmbeddedCredential} from './credentials.js';
import type {Proposal} from './plan.js';

export type FixRemoteResult = {
	ok: true;
	repository: string;
	remote: string;
	url: string;
	auth: AuthMode;
	/** The credential helper holding the token (helper mode), else null. */
	helper: string | null;
	botEmail: string | null;
	canPush: boolean;
	strippedRemotes: string[];
};

export const authNotes: Record<AuthMode, string> = {
	prompt: 'git asks for the token when it needs it; it is stored nowhere',
	helper: 'your credential helper keeps the token for this repository only, not in plain text',
	embed: 'WARNING: the token sits in .git/config as plain text',
};

export function credentialLine(found: EmbeddedCredential): string {
	const which = found.index === 0 ? found.key : `${found.key} #${found.index + 1}`;
	return `${found.remote} ${which}: ${redact(found.url)}`;
}

/** The summary shown before the diff. */
export function proposalLines(proposal: Proposal, auth: AuthMode): string[] {
	const email = proposal.identity?.email;
	return [
		`Remote ${proposal.remote} → ${formatRepoRef(proposal.ref)}`,
		`  current:  ${redact(proposal.currentUrl)}`,
		`  proposed: ${redact(proposal.proposedUrl)}`,
		`            (--auth ${auth}: ${authNotes[auth]})`,
		...helperLines(proposal),
		email === undefined
			? `Bot email: unchanged (${proposal.previousEmail ?? 'not set'})`
			: `Bot email: ${email}${proposal.previousEmail && proposal.previousEmail !== email ? ` (was ${proposal.previousEmail})` : ''}`,
		...proposal.stripped.map((found) => `Strip secret: ${credentialLine(found)}`),
	];
}

/** What happens in the credential helpers: who keeps the new token, whose old entry is erased. */
export function helperLines(proposal: Proposal): string[] {
	const {helper, previousHelper} = proposal.plan;
	const lines =
		helper === undefined
			? []
			: [`Token kept by the credential helper ${helper.name}, for this repository only`];
	if (previousHelper !== undefined && previousHelper !== helper?.value) {
		lines.push(`Old token erased from the credential helper ${helperName(previousHelper)}`);
	}

	return lines;
}

export function resultOf(options: {
	root: string;
	proposal: Proposal;
	canPush: boolean;
}): FixRemoteResult {
	const {root, proposal, canPush} = options;
	return {
		ok: true,
		repository: root,
		remote: proposal.remote,
		url: redact(proposal.proposedUrl),
		auth: proposal.auth,
		helper: proposal.plan.helper?.name ?? null,
		botEmail: proposal.identity?.email ?? null,
		canPush,
		strippedRemotes: [...new Set(proposal.stripped.map((found) => found.remote))],
	};
}

/** A failure as one redacted line: the message, then the hint when there is a next step. */
export function errorLine(error: unknown): string {
	const hint = error instanceof BbtokError && error.hint ? ` ${redact(error.hint)}` : '';
	return `${messageOf(error)}${hint}`;
}
