/**
 * REPO arguments: turns `workspace/repo` or any Bitbucket clone/web URL into a workspace and
 * repository slug, or refuses it with a one-line usage error that never quotes a secret.
 *
 * Accepted: `ws/repo`, `http(s)://[user[:secret]@]bitbucket.org/ws/repo[.git][/anything]`,
 * `[user@]bitbucket.org:ws/repo[.git]` (scp-like), `ssh://[user@]bitbucket.org[:port]/ws/repo[.git]`,
 * and the same on the host of the configured git URL (the sandbox or a test server).
 *
 * Case: Bitbucket slugs are lowercase and bitbucket.org resolves URL paths case-insensitively,
 * so every form is lower-cased before it is checked (`Acme/Widget` means `acme/widget`).
 * A trailing `.git` is always the clone suffix, never part of the slug.
 */
import {UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';

export type RepoRef = {readonly workspace: string; readonly repo: string};

/** A REPO argument that names no Bitbucket repository: exit 2. */
export class RepoRefError extends UsageError {}

const bitbucketHost = 'bitbucket.org';
const slugPattern = /^[a-z\d._-]+$/;
const expected = 'use workspace/repo or a bitbucket.org URL';

export function parseRepoRef(input: string, options: {gitUrl?: string} = {}): RepoRef {
	const text = input.trim();
	if (text === '') {
		throw new RepoRefError(`No repository given: ${expected}.`);
	}

	const segments = pathSegmentsOf(text, gitHostOf(options.gitUrl));
	const [workspace, repo] = segments.map((segment) => segment.toLowerCase());
	if (workspace === undefined || repo === undefined) {
		throw new RepoRefError(`${quote(text)} does not name a repository: ${expected}.`);
	}

	const slug = repo.endsWith('.git') ? repo.slice(0, -'.git'.length) : repo;
	checkSlug(workspace, 'workspace', text);
	checkSlug(slug, 'repository', text);
	return {workspace, repo: slug};
}

export function formatRepoRef(ref: RepoRef): string {
	return `${ref.workspace}/${ref.repo}`;
}

type GitHost = {host: string; hostname: string; pathPrefix: string};

function gitHostOf(gitUrl: string | undefined): GitHost | undefined {
	if (gitUrl === undefined || !URL.canParse(gitUrl)) {
		return undefined;
	}

	const url = new URL(gitUrl);
	return {host: url.host, hostname: url.hostname, pathPrefix: url.pathname.replace(/\/+$/, '')};
}

/** The workspace and repository segments of any accepted form, still unchecked. */
function pathSegmentsOf(text: string, gitHost: GitHost | undefined): string[] {
	if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
		return urlSegments(text, gitHost);
	}

	const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(.*)$/.exec(text);
	if (scp) {
		const [, host = '', path = ''] = scp;
		const known = host.toLowerCase() === bitbucketHost || host.toLowerCase() === gitHost?.hostname;
		if (!known) {
			throw new RepoRefError(`${quote(text)} is not on ${hostsOf(gitHost)}: ${expected}.`);
		}

		return exactlyTwo(path.replace(/^\/+/, ''), text);
	}

	return exactlyTwo(text, text);
}

function urlSegments(text: string, gitHost: GitHost | undefined): string[] {
	if (!URL.canParse(text)) {
		throw new RepoRefError(`${quote(text)} is not a valid URL: ${expected}.`);
	}

	const url = new URL(text);
	const web = url.protocol === 'https:' || url.protocol === 'http:';
	const ssh = url.protocol === 'ssh:' || url.protocol === 'git+ssh:';
	if (!web && !ssh) {
		throw new RepoRefError(
			`${quote(text)} uses ${url.protocol.slice(0, -1)}; ${expected} (https or ssh).`,
		);
	}

	// URL lower-cases the host of http(s) only. http(s) git hosts are told apart by port too;
	// ssh runs on its own port.
	const hostname = url.hostname.toLowerCase();
	const onGitHost =
		gitHost !== undefined && (web ? url.host === gitHost.host : hostname === gitHost.hostname);
	let path = url.pathname;
	if (hostname !== bitbucketHost) {
		if (!onGitHost) {
			throw new RepoRefError(`${quote(text)} is not on ${hostsOf(gitHost)}: ${expected}.`);
		}

		if (!path.startsWith(`${gitHost.pathPrefix}/`)) {
			throw new RepoRefError(`${quote(text)} is outside ${gitHost.pathPrefix}: ${expected}.`);
		}

		path = path.slice(gitHost.pathPrefix.length);
	}

	const segments = path.split('/').slice(1);
	// Web URLs may go deeper (`/src/main/README.md`, `/commits/…`); clone URLs end at the repository.
	return web ? segments.slice(0, 2) : exactlyTwo(segments.join('/'), text);
}

function exactlyTwo(path: string, text: string): string[] {
	const segments = path.replace(/\/$/, '').split('/');
	if (segments.length !== 2) {
		throw new RepoRefError(`${quote(text)} does not name a repository: ${expected}.`);
	}

	return segments;
}

function checkSlug(slug: string, what: 'workspace' | 'repository', text: string): void {
	if (slug === '' || slug === '.' || slug === '..' || !slugPattern.test(slug)) {
		throw new RepoRefError(
			`${quote(text)} has no valid ${what} slug: use lowercase letters, digits, "-", "_" and ".".`,
		);
	}
}

function hostsOf(gitHost: GitHost | undefined): string {
	return gitHost === undefined || gitHost.hostname === bitbucketHost
		? bitbucketHost
		: `${bitbucketHost} or ${gitHost.host}`;
}

/**
 * The input as it may appear in a message: credentials before any `@` removed, registered
 * secrets redacted, shortened, and quoted so that control characters stay on one line.
 */
function quote(text: string): string {
	const withoutUserinfo = text
		.replace(/(\/\/)[^/?#\s]*@/g, '$1')
		.replace(/[^\s/@]*:[^\s/@]*@/g, '');
	const safe = redact(withoutUserinfo);
	return JSON.stringify(safe.length > 80 ? `${safe.slice(0, 77)}...` : safe);
}
