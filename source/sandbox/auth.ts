/**
 * The sandbox's access tokens: what each one reaches (a repository, a project or a
 * workspace), its scopes, its bot account, and how a request's credentials map to one.
 * Token values are fresh per start; bot identities are fixed so the seed's hashes are too.
 */
import {randomBytes} from 'node:crypto';
import type {RepositoryRecord} from './catalog.js';

export type SandboxTokenName =
	| 'repoWrite'
	| 'repoRead'
	| 'repoPipelines'
	| 'repoNoScope'
	| 'projectWrite'
	| 'workspaceRead'
	| 'revoked'
	| 'otherRepo';

export type Reach =
	| {kind: 'repository'; workspace: string; slug: string}
	| {kind: 'project'; workspace: string; project: string}
	| {kind: 'workspace'; workspace: string};

export type Bot = {name: string; id: string; email: string; uuid: string};

export type TokenGrant = {
	name: SandboxTokenName;
	scopes: readonly string[];
	reach: Reach;
	revoked: boolean;
	bot: Bot;
};

type GrantSpec = Omit<TokenGrant, 'name' | 'bot'> & {botName: string; botId: string};

const grantSpecs: Record<SandboxTokenName, GrantSpec> = {
	repoWrite: {
		scopes: ['repository', 'repository:write', 'pullrequest'],
		reach: {kind: 'repository', workspace: 'acme', slug: 'widget'},
		revoked: false,
		botName: 'widget-ci',
		botId: '3b9e7c1a-52d4-4f0e-a6b8-0c2d4e6f8a1b',
	},
	repoRead: {
		scopes: ['repository'],
		reach: {kind: 'repository', workspace: 'acme', slug: 'widget'},
		revoked: false,
		botName: 'widget-readonly',
		botId: '4c0f8d2b-63e5-401f-b7c9-1d3e5f7a9b2c',
	},
	/** A CI reader: the repository and its pipelines (one request lists many commits' builds). */
	repoPipelines: {
		scopes: ['repository', 'pipeline'],
		reach: {kind: 'repository', workspace: 'acme', slug: 'widget'},
		revoked: false,
		botName: 'widget-ci-reader',
		botId: '2a8d6b0e-41c3-4e9f-95a7-fb1c3d5e7f90',
	},
	repoNoScope: {
		scopes: ['pullrequest'],
		reach: {kind: 'repository', workspace: 'acme', slug: 'widget'},
		revoked: false,
		botName: 'widget-pr-bot',
		botId: '5d1a9e3c-74f6-4120-88da-2e4f6a8b0c3d',
	},
	projectWrite: {
		scopes: ['repository', 'repository:write'],
		reach: {kind: 'project', workspace: 'acme', project: 'TOOLS'},
		revoked: false,
		botName: 'tools-deploy',
		botId: '6e2b0f4d-8507-4231-99eb-3f5a7b9c1d4e',
	},
	workspaceRead: {
		scopes: ['repository'],
		reach: {kind: 'workspace', workspace: 'acme'},
		revoked: false,
		botName: 'acme-audit',
		botId: '7f3c1a5e-9618-4342-aafc-4a6b8c0d2e5f',
	},
	revoked: {
		scopes: ['repository', 'repository:write'],
		reach: {kind: 'repository', workspace: 'acme', slug: 'widget'},
		revoked: true,
		botName: 'widget-old-ci',
		botId: '8a4d2b6f-0729-4453-bb0d-5b7c9d1e3f6a',
	},
	otherRepo: {
		scopes: ['repository', 'repository:write'],
		reach: {kind: 'repository', workspace: 'acme', slug: 'gadget'},
		revoked: false,
		botName: 'gadget-ci',
		botId: '9b5e3c7a-183a-4564-8c1e-6c8d0e2f4a7b',
	},
};

export const tokenNames = Object.keys(grantSpecs) as SandboxTokenName[];

export function botOf(name: SandboxTokenName): Bot {
	const spec = grantSpecs[name];
	return {
		name: spec.botName,
		id: spec.botId,
		email: `${spec.botId}@bots.bitbucket.org`,
		uuid: `{${spec.botId}}`,
	};
}

/** Scopes that include others, as Bitbucket grants them. */
const impliedScopes: Record<string, readonly string[]> = {
	'repository:write': ['repository'],
	'repository:admin': ['repository:write', 'repository'],
	'pullrequest:write': ['pullrequest'],
	'pipeline:write': ['pipeline'],
	'pipeline:variable': ['pipeline:write', 'pipeline'],
};

export function hasScope(grant: TokenGrant, required: string): boolean {
	return grant.scopes.some(
		(scope) => scope === required || (impliedScopes[scope] ?? []).includes(required),
	);
}

export function reaches(grant: TokenGrant, repository: RepositoryRecord): boolean {
	const {reach} = grant;
	if (reach.workspace !== repository.workspace) {
		return false;
	}

	switch (reach.kind) {
		case 'repository': {
			return reach.slug === repository.slug;
		}

		case 'project': {
			return reach.project === repository.project;
		}

		case 'workspace': {
			return true;
		}
	}
}

/** Who sent a request: nobody, credentials the sandbox does not accept, or one of its tokens. */
export type Caller =
	| {kind: 'anonymous'}
	| {kind: 'rejected'}
	| {kind: 'token'; token: string; grant: TokenGrant};

export class TokenRegistry {
	readonly tokens: Record<SandboxTokenName, string>;
	readonly botEmails: Record<SandboxTokenName, string>;
	private readonly byValue = new Map<string, TokenGrant>();

	constructor() {
		const tokens = {} as Record<SandboxTokenName, string>;
		const botEmails = {} as Record<SandboxTokenName, string>;
		for (const name of tokenNames) {
			const {botName: _botName, botId: _botId, ...spec} = grantSpecs[name];
			const value = generateAccessToken();
			tokens[name] = value;
			botEmails[name] = botOf(name).email;
			this.byValue.set(value, {...spec, name, bot: botOf(name)});
		}

		this.tokens = tokens;
		this.botEmails = botEmails;
	}

	/** Every token's grant (revoked ones too), for the sandbox's access-tokens page. */
	get grants(): TokenGrant[] {
		return [...this.byValue.values()];
	}

	/** REST: `Authorization: Bearer <token>`, the way access tokens call the API. */
	fromBearer(header: string | undefined): Caller {
		if (header === undefined) {
			return {kind: 'anonymous'};
		}

		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		return match?.[1] === undefined ? {kind: 'rejected'} : this.lookup(match[1]);
	}

	/** Git: Basic `x-token-auth:<token>`, the only username access tokens accept over HTTPS. */
	fromBasic(header: string | undefined): Caller {
		if (header === undefined) {
			return {kind: 'anonymous'};
		}

		const match = /^Basic\s+(\S+)\s*$/i.exec(header);
		if (match?.[1] === undefined) {
			return {kind: 'rejected'};
		}

		const decoded = Buffer.from(match[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon === -1 || decoded.slice(0, colon) !== 'x-token-auth') {
			return {kind: 'rejected'};
		}

		return this.lookup(decoded.slice(colon + 1));
	}

	private lookup(value: string): Caller {
		const grant = this.byValue.get(value);
		return grant === undefined || grant.revoked
			? {kind: 'rejected'}
			: {kind: 'token', token: value, grant};
	}
}

/**
 * A value shaped like Atlassian's access tokens: the ATCTT3xFfGN0 prefix, a base64url body,
 * `=` and an 8-digit hex checksum (random here: nothing checks it).
 */
function generateAccessToken(): string {
	const body = randomBytes(132).toString('base64url');
	const checksum = randomBytes(4).toString('hex').toUpperCase();
	return `ATCTT3xFfGN0${body}=${checksum}`;
}
