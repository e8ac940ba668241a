/**
 * `--auth helper` on a clone: its `.git/config` gets the scoped helper list and `useHttpPath`
 * (credential-config.ts), then the token goes to that helper alone (`git credential approve`
 * run in the clone, so the scoped list is the one git uses). The remote URL stays the prompt
 * one; the token is in no file bbtok-tui writes.
 */
import path from 'node:path';
import type {RepoRef} from '../bitbucket/repo-ref.js';
import {ConfigFile, readConfigFile, writeConfigFile} from './config-file.js';
import {scopeHelper} from './credential-config.js';
import {approveToken} from './credential-store.js';
import {cloneUrl} from './remote-url.js';

export async function keepTokenInHelper(options: {
	/** The clone's working tree. */
	dir: string;
	gitUrl: string;
	ref: RepoRef;
	token: string;
	/** The helper's configured value, from requireSafeHelper. */
	helper: string;
	env: NodeJS.ProcessEnv;
}): Promise<void> {
	const snapshot = await readConfigFile(path.join(options.dir, '.git', 'config'));
	const repositoryUrl = cloneUrl(options.gitUrl, options.ref);
	const scoped = scopeHelper(ConfigFile.parse(snapshot.text, snapshot.path), {
		gitUrl: options.gitUrl,
		repositoryUrl,
		helper: options.helper,
	});
	if (scoped.text !== snapshot.text) {
		await writeConfigFile(snapshot, scoped.text);
	}

	await approveToken({env: options.env, cwd: options.dir}, repositoryUrl, options.token);
}

/** How to take the token out of the helper again, for the summary. */
export function removalCommand(gitUrl: string, ref: RepoRef): string {
	const {protocol, host, pathname} = new URL(cloneUrl(gitUrl, ref));
	return `printf 'protocol=${protocol.replace(':', '')}\\nhost=${host}\\npath=${pathname.slice(1)}\\nusername=x-token-auth\\n\\n' | git credential reject`;
}
