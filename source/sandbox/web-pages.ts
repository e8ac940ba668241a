/**
 * The few web pages the git origin answers besides git itself, so links the API and the
 * wizard show (commit pages, the access-tokens admin page with the bots' emails) lead
 * somewhere in the demo. Token values never appear; the web UI is not emulated beyond this.
 */
import type {ServerResponse} from 'node:http';
import {reaches, type TokenGrant} from './auth.js';
import type {RepositoryRecord} from './catalog.js';
import {escapeHtml} from './responses.js';

export function sendWebPage(
	response: ServerResponse,
	repository: RepositoryRecord,
	page: string,
	grants: readonly TokenGrant[],
): void {
	const fullName = `${repository.workspace}/${repository.slug}`;
	const body =
		page === '/admin/access-tokens'
			? accessTokensPage(repository, grants)
			: `<p>This is the bbtok-tui sandbox: its web pages are not emulated. You asked for <code>${escapeHtml(page || '/')}</code>.</p>`;
	const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(fullName)} · sandbox</title></head><body><h1>${escapeHtml(fullName)}</h1>${body}</body></html>\n`;
	response.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end(html);
}

function accessTokensPage(repository: RepositoryRecord, grants: readonly TokenGrant[]): string {
	const rows = grants
		.filter((grant) => reaches(grant, repository))
		.map(
			(grant) =>
				`<tr><td>${escapeHtml(grant.bot.name)}</td><td>${escapeHtml(grant.reach.kind)}</td><td>${escapeHtml(grant.scopes.join(', '))}</td><td>${escapeHtml(grant.bot.email)}</td><td>${grant.revoked ? 'revoked' : 'active'}</td></tr>`,
		)
		.join('');
	return `<h2>Access tokens</h2><table><tr><th>Name</th><th>Kind</th><th>Scopes</th><th>Bot email</th><th>Status</th></tr>${rows}</table>`;
}
