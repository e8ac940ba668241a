/**
 * What a token was granted, as Bitbucket states it on every REST answer (`x-oauth-scopes`,
 * `x-credential-type`), and what that means for a clone: which scope is missing for what was
 * asked (clone: `repository`, push: `repository:write`) and which go beyond what a clone
 * needs. Access tokens exist for least privilege; a clone's token should hold no more.
 */
import type {Dispatcher} from 'undici';
import {single} from './rate-limit.js';

export type Grant = {
	readonly scopes: readonly string[];
	/** `repo_access_token`, `project_access_token`, `workspace_access_token`, … */
	readonly credentialType?: string;
};

export type ScopeCheck = {
	/** Scopes this use lacks, each with what it is needed for. */
	readonly missing: ReadonlyArray<{scope: string; for: 'clone' | 'push'}>;
	/** Granted scopes a clone never uses. */
	readonly beyond: readonly string[];
};

/** The grant a response announces, or undefined when it carries neither header. */
export function grantOf(headers: Dispatcher.ResponseData['headers']): Grant | undefined {
	const scopes = single(headers['x-oauth-scopes']);
	const credentialType = single(headers['x-credential-type'])?.trim();
	if (scopes === undefined && !credentialType) {
		return undefined;
	}

	return {
		scopes: (scopes ?? '').split(/[\s,]+/).filter(Boolean),
		...(credentialType ? {credentialType} : {}),
	};
}

/** Scopes that include others, as Bitbucket grants them. */
const implied: Record<string, readonly string[]> = {
	'repository:write': ['repository'],
	'repository:admin': ['repository:write', 'repository'],
	'repository:delete': [],
};

const cloneScopes = new Set(['repository', 'repository:write']);

export function hasScope(scopes: readonly string[], wanted: string): boolean {
	return scopes.some((scope) => scope === wanted || (implied[scope] ?? []).includes(wanted));
}

export function checkScopes(grant: Grant, wants: {push: boolean}): ScopeCheck {
	const missing: Array<{scope: string; for: 'clone' | 'push'}> = [];
	if (!hasScope(grant.scopes, 'repository')) {
		missing.push({scope: 'repository', for: 'clone'});
	}

	if (wants.push && !hasScope(grant.scopes, 'repository:write')) {
		missing.push({scope: 'repository:write', for: 'push'});
	}

	return {missing, beyond: grant.scopes.filter((scope) => !cloneScopes.has(scope))};
}

const credentialNames: Record<string, string> = {
	repo_access_token: 'repository access token',
	project_access_token: 'project access token',
	workspace_access_token: 'workspace access token',
};

/** Plain lines about a grant: its scopes and kind, then what is missing or too much. */
export function grantLines(grant: Grant, wants: {push: boolean}): string[] {
	const {missing, beyond} = checkScopes(grant, wants);
	const kind = grant.credentialType
		? ` (${credentialNames[grant.credentialType] ?? grant.credentialType})`
		: '';
	const lines = [`Scopes: ${grant.scopes.join(', ') || 'none'}${kind}`];
	for (const lack of missing) {
		lines.push(`missing: ${lack.scope}, needed to ${lack.for}`);
	}

	if (beyond.length > 0) {
		lines.push(
			`warning: scopes beyond what a clone needs: ${beyond.join(', ')}; a token with only repository (and repository:write to push) is safer`,
		);
	}

	return lines;
}
