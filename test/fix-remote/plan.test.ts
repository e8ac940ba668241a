import {readFile, writeFile} from 'node:fs/promises';
import {afterAll, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/core/errors.js';
import {redact} from '../../source/core/redaction.js';
import type {Remote} from '../../source/git/repository.js';
import {splitCredentials, stripSecret} from '../../source/use-cases/fix-remote/credentials.js';
import {inspectRepository} from '../../source/use-cases/fix-remote/inspect.js';
import {
	applyProposal,
	otherCredentials,
	proposeFix,
} from '../../source/use-cases/fix-remote/plan.js';
import {bitbucketRefOf, chooseRemote} from '../../source/use-cases/fix-remote/remote-choice.js';
import {initRepository, tempDirs} from './git-fixtures.js';

const temp = tempDirs();
afterAll(() => temp.cleanup());
const gitUrl = 'http://127.0.0.1:7990';

describe('embedded credentials', () => {
	it('splits user:secret@ at the authority’s last @ and strips only the secret', () => {
		expect(splitCredentials('https://jo:pw@bitbucket.org/a/b.git')).toEqual({
			user: 'jo',
			secret: 'pw',
			stripped: 'https://jo@bitbucket.org/a/b.git',
		});
		expect(stripSecret('https://u:p@ss@host/x?y@z')).toBe('https://u@host/x?y@z');
		expect(stripSecret('https://:only-secret@host/x')).toBe('https://host/x');
		expect(splitCredentials('ssh://git@bitbucket.org/a/b.git')).toBeUndefined();
		expect(splitCredentials('git@bitbucket.org:a/b.git')).toBeUndefined();
		expect(splitCredentials('https://bitbucket.org/a/b.git')).toBeUndefined();
	});
});

describe('choosing the remote', () => {
	const remote = (name: string, url: string): Remote => ({name, url, pushUrls: []});
	const github = remote('origin', 'git@github.com:a/b.git');
	const bb = remote('bb', 'https://bitbucket.org/acme/widget.git');
	const sandbox = remote('sandbox', `${gitUrl}/acme/gadget.git`);
	const candidatesOf = (remotes: Remote[]) =>
		remotes.flatMap((r) => {
			const ref = bitbucketRefOf(r.url, gitUrl);
			return ref ? [{remote: r, ref}] : [];
		});

	it('recognises every Bitbucket URL form and no local path', () => {
		for (const url of [
			'https://jo:pw@bitbucket.org/acme/widget.git',
			'git@bitbucket.org:acme/widget.git',
			'ssh://git@bitbucket.org/acme/widget.git',
			`${gitUrl}/acme/widget.git`,
		]) {
			expect(bitbucketRefOf(url, gitUrl)).toEqual({workspace: 'acme', repo: 'widget'});
		}

		for (const url of [
			'acme/widget',
			'../widget',
			'/srv/acme/widget.git',
			'git@github.com:acme/widget.git',
		]) {
			expect(bitbucketRefOf(url, gitUrl)).toBeUndefined();
		}
	});

	it('takes --remote, else origin, else the only Bitbucket remote, else asks', () => {
		const where = 'widget';
		const all = [github, bb, sandbox];
		const pick = (remotes: Remote[], requested?: string) =>
			chooseRemote({remotes, candidates: candidatesOf(remotes), requested, where});
		expect(pick(all, 'sandbox')).toMatchObject({
			kind: 'chosen',
			chosen: {remote: {name: 'sandbox'}},
		});
		expect(pick([github, bb])).toMatchObject({kind: 'chosen', chosen: {remote: {name: 'bb'}}});
		const originBb = remote('origin', 'git@bitbucket.org:acme/x.git');
		expect(pick([bb, originBb])).toMatchObject({
			kind: 'chosen',
			chosen: {remote: {name: 'origin'}},
		});
		expect(pick(all)).toMatchObject({kind: 'ask', candidates: [{remote: bb}, {remote: sandbox}]});
		expect(() => pick(all, 'origin')).toThrow(
			'Remote "origin" of widget is not a Bitbucket repository',
		);
		expect(() => pick(all, 'nope')).toThrow(UsageError);
		expect(() => pick([github])).toThrow(
			'No Bitbucket remote in widget (found: origin git@github.com:a/b.git).',
		);
		expect(() => pick([])).toThrow('No Bitbucket remote in widget (it has no remotes).');
	});
});

describe('proposing and applying the change', () => {
	it('registers found secrets, strips the others on request, and writes exactly the preview', async () => {
		const dir = await temp.make();
		const configPath = await initRepository(dir);
		const text = await readFile(configPath, 'utf8');
		await writeFile(
			configPath,
			`${text}[remote "origin"]\n\turl = https://jo:OriginPw-123@bitbucket.org/acme/widget.git\n\tpushurl = https://jo:PushPw-456@bitbucket.org/acme/widget.git\n[remote "ci"]\n\turl = https://bot:CiPw-789@example.com/x.git\n`,
		);
		const inspection = await inspectRepository(dir, gitUrl);
		expect(redact('OriginPw-123 PushPw-456 CiPw-789')).toBe('*** *** ***');
		const chosen = inspection.candidates[0]!;
		const others = otherCredentials(inspection, chosen);
		expect(others.map((found) => `${found.remote}.${found.key}`)).toEqual([
			'origin.pushurl',
			'ci.url',
		]);

		const proposal = proposeFix({
			inspection,
			chosen,
			proposedUrl: `${gitUrl.replace('//', '//x-token-auth@')}/acme/widget.git`,
			identity: {email: 'bot@bots.bitbucket.org', name: 'Widget bot'},
			strip: others,
			plan: {auth: 'prompt'},
			gitUrl,
		});
		expect(proposal.after).toBe(
			`${text}[remote "origin"]\n\turl = http://x-token-auth@127.0.0.1:7990/acme/widget.git\n\tpushurl = https://jo@bitbucket.org/acme/widget.git\n[remote "ci"]\n\turl = https://bot@example.com/x.git\n[user]\n\temail = bot@bots.bitbucket.org\n\tname = Widget bot\n`,
		);
		expect(await applyProposal(inspection, proposal)).toBe(true);
		expect(await readFile(configPath, 'utf8')).toBe(proposal.after);

		const again = await inspectRepository(dir, gitUrl);
		const same = proposeFix({
			inspection: again,
			chosen: again.candidates[0]!,
			proposedUrl: proposal.proposedUrl,
			identity: proposal.identity,
			strip: [],
			plan: {auth: 'prompt'},
			gitUrl,
		});
		expect(same.hunks).toEqual([]);
		expect(await applyProposal(again, same)).toBe(false);
	});
});
