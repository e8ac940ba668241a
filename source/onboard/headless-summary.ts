/** The plain-text summary a headless onboarding prints on stdout (redacted: embed URLs carry the token). */
import {redact} from '../core/redaction.js';
import {printable} from '../core/terminal-text.js';
import {commitLine} from './commit-lines.js';
import type {HeadlessResult} from './headless.js';

export function plainSummary(result: HeadlessResult, remote: string): string {
	const lines = [
		`Cloned ${result.repository} into ${result.dir}`,
		`  branch   ${result.branch}${result.head ? ` at ${result.head.slice(0, 12)}` : ' (empty repository)'}`,
		`  remote   ${remote} (${authNote(result)})`,
		`  author   ${result.botEmail} (user.email of this clone)`,
		`  push     ${result.canPush ? 'allowed' : 'not allowed: the token lacks repository:write'}`,
	];
	if (result.commits.length > 0) {
		lines.push(`Latest commits on ${result.branch}:`);
		lines.push(...result.commits.map((record) => `  ${commitLine(record)}`));
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
