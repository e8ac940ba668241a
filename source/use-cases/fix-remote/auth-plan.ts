/**
 * How fix-remote leaves a remote's authentication: the mode (`--auth`, else the clone's own
 * when it is `helper` or `embed`, else `prompt`) and what happens to a credential helper. A
 * rotation keeps the new token where the old one was (the helper entry, or the embedded URL);
 * leaving helper mode erases the helper's entry and the clone's scoped helper keys.
 */
import type {AuthMode} from '../../core/context.js';
import {remoteAuthOf} from '../../git/auth-mode.js';
import type {ConfigFile} from '../../git/config-file.js';
import {scopedHelperOf, scopeHelper, unscopeHelper} from '../../git/credential-config.js';
import {type ConfiguredHelper, requireSafeHelper} from '../../git/credential-helper.js';
import {approveToken, rejectToken} from '../../git/credential-store.js';
import {cloneUrl} from '../../git/remote-url.js';
import type {Inspection} from './inspect.js';
import type {BitbucketRemote} from './remote-choice.js';

export type AuthPlan = {
	readonly auth: AuthMode;
	/** The helper that will hold the token (helper mode). */
	readonly helper?: ConfiguredHelper;
	/** The helper the clone scoped to this repository before, if any: its entry is erased when it changes. */
	readonly previousHelper?: string;
};

export async function planAuth(options: {
	inspection: Inspection;
	chosen: BitbucketRemote;
	requested: AuthMode | undefined;
	gitUrl: string;
	env: NodeJS.ProcessEnv;
	platform: NodeJS.Platform;
}): Promise<AuthPlan> {
	const {inspection, chosen, gitUrl} = options;
	const repositoryUrl = cloneUrl(gitUrl, chosen.ref);
	const previousHelper = scopedHelperOf(inspection.config, repositoryUrl);
	const {mode} = remoteAuthOf(chosen.remote.url, {helperScoped: previousHelper !== undefined});
	const auth =
		options.requested ?? (mode === 'helper' || mode === 'embed' ? mode : ('prompt' as const));
	const previous = previousHelper === undefined ? {} : {previousHelper};
	if (auth !== 'helper') {
		return {auth, ...previous};
	}

	const helper = await requireSafeHelper(
		{env: options.env, cwd: inspection.repository.root},
		repositoryUrl,
		{withLocal: true, platform: options.platform},
	);
	return {auth, helper, ...previous};
}

/** The config edits of a plan: the scoped helper list written, or taken out. */
export function editCredentials(
	config: ConfigFile,
	plan: AuthPlan,
	gitUrl: string,
	chosen: BitbucketRemote,
): ConfigFile {
	const repositoryUrl = cloneUrl(gitUrl, chosen.ref);
	if (plan.helper !== undefined) {
		return scopeHelper(config, {gitUrl, repositoryUrl, helper: plan.helper.value});
	}

	return plan.previousHelper === undefined ? config : unscopeHelper(config, repositoryUrl);
}

/** After the config is written: the token to its helper, the old helper's entry erased when it is left. */
export async function storeCredentials(options: {
	plan: AuthPlan;
	root: string;
	gitUrl: string;
	chosen: BitbucketRemote;
	token: string;
	env: NodeJS.ProcessEnv;
}): Promise<void> {
	const {plan} = options;
	const run = {env: options.env, cwd: options.root};
	const url = cloneUrl(options.gitUrl, options.chosen.ref);
	if (plan.previousHelper !== undefined && plan.previousHelper !== plan.helper?.value) {
		await rejectToken(run, url, plan.previousHelper);
	}

	if (plan.helper !== undefined) {
		await approveToken(run, url, options.token, plan.helper.value);
	}
}
