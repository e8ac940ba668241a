import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {formatRepoRef, parseRepoRef, RepoRefError} from '../../source/bitbucket/repo-ref.js';
import {ExitCode, UsageError} from '../../source/core/errors.js';

const sandboxGit = 'http://127.0.0.1:41234';

/** Every written form of one repository; `secret` goes where a URL may carry credentials. */
function formsOf(workspace: string, repo: string, secret: string): string[] {
	const path = `${workspace}/${repo}`;
	return [
		path,
		`https://bitbucket.org/${path}`,
		`https://bitbucket.org/${path}/`,
		`https://bitbucket.org/${path}/src/main/README.md?at=main#lines-3`,
		`https://bitbucket.org/${path}.git`,
		`https://x-token-auth@bitbucket.org/${path}.git`,
		`https://x-token-auth:${secret}@bitbucket.org/${path}.git`,
		`git@bitbucket.org:${path}.git`,
		`git@bitbucket.org:${path}`,
		`ssh://git@bitbucket.org/${path}.git`,
		`${sandboxGit}/${path}.git`,
		`http://x-token-auth:${secret}@127.0.0.1:41234/${path}.git`,
	];
}

describe('parseRepoRef', () => {
	it('reads every REPO form of PRODUCT.md', () => {
		for (const form of formsOf('acme', 'widget', 'ATCTT3xFfGN0secret')) {
			expect(parseRepoRef(form, {gitUrl: sandboxGit}), form).toEqual({
				workspace: 'acme',
				repo: 'widget',
			});
		}
	});

	it('lower-cases, trims, and keeps dots, dashes and underscores', () => {
		expect(parseRepoRef('  Acme/My_Repo.v2-x \n')).toEqual({
			workspace: 'acme',
			repo: 'my_repo.v2-x',
		});
		for (const form of [
			'https://BitBucket.org/ACME/Widget',
			'ssh://git@BitBucket.ORG/ACME/Widget.GIT',
		]) {
			expect(parseRepoRef(form), form).toEqual({workspace: 'acme', repo: 'widget'});
		}
	});

	it('follows the git URL path prefix', () => {
		const gitUrl = 'https://git.example.test/bitbucket';
		expect(parseRepoRef('https://git.example.test/bitbucket/acme/widget.git', {gitUrl})).toEqual({
			workspace: 'acme',
			repo: 'widget',
		});
		expect(() => parseRepoRef('https://git.example.test/acme/widget.git', {gitUrl})).toThrow(
			RepoRefError,
		);
	});

	it.each([
		['', /No repository given/],
		['acme', /does not name a repository/],
		['acme/widget/extra', /does not name a repository/],
		['acme/.', /no valid repository slug/],
		['../widget', /no valid workspace slug/],
		['acme/wid get', /no valid repository slug/],
		['acme/.git', /no valid repository slug/],
		['https://github.com/acme/widget', /is not on bitbucket\.org/],
		['git@github.com:acme/widget.git', /is not on bitbucket\.org/],
		['ftp://bitbucket.org/acme/widget', /uses ftp/],
		['https://bitbucket.org/acme', /does not name a repository/],
		['ssh://git@bitbucket.org/acme/widget/extra', /does not name a repository/],
		['http://127.0.0.1:9/acme/widget', /is not on bitbucket\.org/],
	])('refuses %j as a usage error', (input, message) => {
		const error = catchError(() => parseRepoRef(input));
		expect(error).toBeInstanceOf(RepoRefError);
		expect(error).toBeInstanceOf(UsageError);
		expect((error as RepoRefError).exitCode).toBe(ExitCode.usage);
		expect((error as Error).message).toMatch(message);
	});

	it('names the configured git host when refusing another host', () => {
		expect(() => parseRepoRef('https://example.com/a/b', {gitUrl: sandboxGit})).toThrow(
			'bitbucket.org or 127.0.0.1:41234',
		);
	});

	it('never quotes credentials from the input', () => {
		const inputs = [
			'https://x-token-auth:ATCTT3xFfGN0leak@bitbucket.org/acme',
			'https://ATCTT3xFfGN0leak@github.com/acme/widget.git',
			'x-token-auth:ATCTT3xFfGN0leak@bitbucket.org/acme/widget',
		];
		for (const input of inputs) {
			const error = catchError(() => parseRepoRef(input)) as Error;
			expect(error).toBeInstanceOf(RepoRefError);
			expect(error.message).not.toContain('leak');
		}
	});
});

const slugChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.');
const slug = fc
	.string({unit: slugChar, minLength: 1, maxLength: 30})
	.filter((s) => s !== '.' && s !== '..' && !s.endsWith('.git'));
const secret = fc.string({
	unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789=_-'),
	minLength: 12,
	maxLength: 40,
});

describe('parseRepoRef properties', () => {
	it('round-trips any valid slugs through every form', () => {
		fc.assert(
			fc.property(slug, slug, secret, (workspace, repo, token) => {
				for (const form of formsOf(workspace, repo, token)) {
					const ref = parseRepoRef(form, {gitUrl: sandboxGit});
					expect(ref).toEqual({workspace, repo});
					expect(parseRepoRef(formatRepoRef(ref))).toEqual(ref);
				}
			}),
		);
	});

	it('throws nothing but RepoRefError for arbitrary input', () => {
		const input = fc.oneof(
			fc.string(),
			fc.string({unit: 'grapheme-composite'}),
			fc.webUrl({withQueryParameters: true, withFragments: true}),
			fc
				.tuple(fc.constantFrom('https://', 'ssh://', 'git@', ''), fc.string())
				.map(([a, b]) => a + b),
		);
		fc.assert(
			fc.property(input, (text) => {
				try {
					parseRepoRef(text, {gitUrl: sandboxGit});
				} catch (error) {
					expect(error).toBeInstanceOf(RepoRefError);
					expect((error as Error).message).not.toMatch(/\n/);
				}
			}),
		);
	});

	it('keeps embedded secrets out of every message', () => {
		const badPath = fc.constantFrom('', '/acme', '/Acme Corp/x', '/a/b/c/../..', '/%41/b');
		fc.assert(
			fc.property(
				secret,
				badPath,
				fc.constantFrom('bitbucket.org', 'example.com'),
				(token, path, host) => {
					const error = catchError(() =>
						parseRepoRef(`https://x-token-auth:${token}@${host}${path}`),
					);
					expect(error).toBeInstanceOf(RepoRefError);
					expect((error as Error).message).not.toContain(token);
				},
			),
		);
	});
});

function catchError(action: () => unknown): unknown {
	try {
		action();
	} catch (error) {
		return error;
	}

	throw new Error('expected a throw');
}
