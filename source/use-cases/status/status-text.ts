/**
 * `status` as plain lines for a person: one labelled row per fact, the problem (if any) and
 * its next step last. Every value from the clone or the server is redacted and printable.
 */
import {grantLines} from '../../bitbucket/grant.js';
import {printable} from '../../core/terminal-text.js';
import type {CloneStatus} from './clone-status.js';

const sources = {
	'embedded-url': 'in the remote URL (plain text in .git/config)',
	'credential-helper': 'in the credential helper',
	'token-stdin': 'from --token-stdin (the clone itself keeps none)',
	env: 'from BITBUCKET_ACCESS_TOKEN (the clone itself keeps none)',
} as const;

export function statusLines(status: CloneStatus): string[] {
	const row = (label: string, value: string) => `  ${label.padEnd(10)} ${printable(value)}`;
	const lines = [
		`${status.repository} · ${status.path}`,
		row('remote', `${status.remote.name} ${status.remote.url}`),
		row(
			'auth',
			`${status.mode}${status.helper ? ` (credential helper: ${status.helper})` : ''}${status.verdict === 'dead' ? ': cannot work' : ''}`,
		),
		row(
			'token',
			status.token.source === null
				? 'none found'
				: `${sources[status.token.source]}${status.helper && status.token.source === 'credential-helper' ? ` (${status.helper})` : ''}`,
		),
	];
	if (status.fetch !== null) {
		lines.push(row('fetch', status.fetch ? 'works' : 'refused'));
	}

	if (status.push !== null) {
		lines.push(row('push', status.push ? 'works' : 'read only: the token lacks repository:write'));
	}

	if (status.scopes !== null) {
		const [scopes, ...notes] = grantLines(
			{
				scopes: status.scopes,
				...(status.credentialType ? {credentialType: status.credentialType} : {}),
			},
			{push: true},
		);
		lines.push(
			row('scopes', scopes!.replace(/^Scopes: /, '')),
			...notes.map((note) => `  ${note}`),
		);
	}

	if (status.rateLimit !== null) {
		const {limit, resource, nearLimit} = status.rateLimit;
		lines.push(
			row(
				'rate limit',
				`${limit ?? '?'} requests/hour${resource ? ` on ${resource}` : ''}${nearLimit ? ', NEAR the limit' : ', not near it'}`,
			),
		);
	}

	lines.push(
		row(
			'user.email',
			status.userEmail.value === null
				? 'not set in this clone: commits would not be the bot’s'
				: `${status.userEmail.value}${status.userEmail.bot ? ' (a bot address)' : ' (not a bot address: commits will not show as the bot’s)'}`,
		),
	);
	return lines;
}
