/**
 * What a headless onboarding prints on stdout: the `--json` object, or the plain-text summary
 * (redacted: embed URLs carry the token).
 */
import type {CommitJson} from '../../commits/commit-json.js';
import type {AuthMode} from '../../core/context.js';
import {redact} from '../../core/redaction.js';
import {printable} from '../../core/terminal-text.js';
import {type CommitRecord, commitLine} from './commit-lines.js';

/** What `--json` prints on success. */
export type HeadlessResult = {
	ok: true;
	repository: string;
	dir: string;
	branch: string;
	head: string;
	auth: AuthMode;
	/** The credential helper holding the token (`--auth helper`), else null. */
	helper: string | null;
	botEmail: string;
	canPush: boolean;
	scopes: readonly string[] | null;
	credentialType: string | null;
	/** The same objects as `commits --json` prints. */
	commits: CommitJson[];
};

export function plainSummary(
	result: HeadlessResult,
	remote: string,
	commits: readonly CommitRecord[],
): string {
	const lines = [
		`Cloned ${result.repository} into ${result.dir}`,
		`  branch   ${result.branch}${result.head ? ` at ${result.head.slice(0, 12)}` : ' (empty repository)'}`,
		`  remote   ${remote} (${authNote(result)})`,
		`  author   ${result.botEmail} (user.email of this clone)`,
		`  push     ${result.canPush ? 'allowed' : 'not allowed: the token lacks repository:write'}`,
	];
	if (commits.length > 0) {
		lines.push(`Latest commits on ${result.branch}:`);
		lines.push(...commits.map((record) => `  ${commitLine(record)}`));
	}

	return `${lines.map((line) => printable(redact(line))).join('\n')}\n`;
}

function authNote(result: HeadlessResult): string {
	if (result.auth === 'embed') {
		return 'token stored in .git/config';
	}

	return result.helper === null
		? 'git asks for the token when it needs it'
		: `token kept by the credential helper ${result.helper}, for this repository only`;
}
