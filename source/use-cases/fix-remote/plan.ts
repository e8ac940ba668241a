/**
 * The proposed change to `.git/config`: the chosen remote's (first) URL, the local bot
 * identity, and, on request, secrets stripped from other remote URLs. Computed without
 * touching the disk, so the preview is exactly what `applyProposal` writes.
 */
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../core/context.js';
import {type ConfigFile, writeConfigFile} from '../../git/config-file.js';
import {type AuthPlan, editCredentials} from './auth-plan.js';
import {type EmbeddedCredential, stripSecret} from './credentials.js';
import {type DiffHunk, diffConfig} from './diff.js';
import type {Inspection} from './inspect.js';
import type {BitbucketRemote} from './remote-choice.js';

export type Identity = {readonly email: string; readonly name?: string | undefined};

export type Proposal = {
	readonly remote: string;
	readonly auth: AuthMode;
	readonly plan: AuthPlan;
	readonly ref: RepoRef;
	readonly currentUrl: string;
	readonly proposedUrl: string;
	/** The email this run sets; undefined leaves `user.email` as it is. */
	readonly identity: Identity | undefined;
	readonly previousEmail: string | undefined;
	readonly stripped: readonly EmbeddedCredential[];
	readonly after: string;
	readonly hunks: readonly DiffHunk[];
};

/** Embedded secrets outside the URL being replaced: the doctor's findings to offer stripping. */
export function otherCredentials(
	inspection: Inspection,
	chosen: BitbucketRemote,
): EmbeddedCredential[] {
	return inspection.credentials.filter(
		(found) => !(found.remote === chosen.remote.name && found.key === 'url' && found.index === 0),
	);
}

export function proposeFix(options: {
	inspection: Inspection;
	chosen: BitbucketRemote;
	proposedUrl: string;
	identity?: Identity | undefined;
	strip: readonly EmbeddedCredential[];
	plan: AuthPlan;
	gitUrl: string;
}): Proposal {
	const {inspection, chosen, proposedUrl, identity, strip, plan} = options;
	const remoteSection = {section: 'remote', subsection: chosen.remote.name};
	let config: ConfigFile = inspection.config;
	for (const found of strip) {
		const entry = config.entriesOf({section: 'remote', subsection: found.remote}, found.key)[
			found.index
		];
		if (entry?.value !== undefined) {
			config = config.replace(entry, stripSecret(entry.value));
		}
	}

	// Git fetches from the first `url`; replacing it (not the last) is what `git remote set-url` does.
	const [firstUrl] = config.entriesOf(remoteSection, 'url');
	config = firstUrl
		? config.replace(firstUrl, proposedUrl)
		: config.set(remoteSection, 'url', proposedUrl);
	config = editCredentials(config, plan, options.gitUrl, chosen);
	if (identity) {
		config = config.set({section: 'user'}, 'email', identity.email);
		if (identity.name !== undefined) {
			config = config.set({section: 'user'}, 'name', identity.name);
		}
	}

	return {
		remote: chosen.remote.name,
		auth: plan.auth,
		plan,
		ref: chosen.ref,
		currentUrl: chosen.remote.url,
		proposedUrl,
		identity,
		previousEmail: inspection.config.get({section: 'user'}, 'email'),
		stripped: strip,
		after: config.text,
		hunks: diffConfig(inspection.snapshot.text, config.text),
	};
}

/** Writes the proposal (atomically, refusing if the config changed since it was read); false when there was nothing to change. */
export async function applyProposal(inspection: Inspection, proposal: Proposal): Promise<boolean> {
	if (proposal.after === inspection.snapshot.text) {
		return false;
	}

	await writeConfigFile(inspection.snapshot, proposal.after);
	return true;
}
