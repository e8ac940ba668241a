/**
 * Applies the chosen changes one clone at a time with fix-remote's own write (the new config
 * goes to config.lock and is renamed over the old one, refused if the file changed since it
 * was read) and its own credential storing (the token to the clone's helper, an old helper
 * entry erased). When the helper refuses, the config's old bytes are put back, so every clone
 * is either fully migrated or byte-identical. An interruption is honoured between two clones,
 * never inside one; the results say which is which. Then, with --strip-credentials, the dead
 * credential-file entries go.
 */
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {messageOf} from '../../core/output.js';
import {redact} from '../../core/redaction.js';
import {writeConfigFile} from '../../git/config-file.js';
import {removeCredentialLines} from '../../scan/credential-files.js';
import type {Services} from '../../services/services.js';
import type {Settings} from '../../settings/store.js';
import {storeCredentials} from '../fix-remote/auth-plan.js';
import {applyProposal} from '../fix-remote/plan.js';
import type {Change, ScanFixPlan} from './plan.js';

export type CloneStatus =
	| 'migrated'
	| 'unchanged'
	| 'failed'
	| 'interrupted'
	| 'unselected'
	| 'unreachable'
	| 'unchecked'
	| 'left';

export type CloneResult = {
	readonly path: string;
	readonly repository?: string | undefined;
	readonly remote?: string;
	readonly status: CloneStatus;
	/** The remote URL after this run, redacted. */
	readonly url?: string;
	readonly auth?: string;
	/** The credential helper holding the token (helper mode), else null. */
	readonly helper?: string | null;
	readonly botEmail?: string | null;
	readonly reason?: string;
};

export type StripResult = {
	readonly file: string;
	readonly removed: number;
	readonly error?: string;
};

export type ScanFixOutcome = {
	readonly clones: readonly CloneResult[];
	readonly stripped: readonly StripResult[];
	readonly interrupted: boolean;
	readonly warnings: readonly string[];
};

export async function applyScanFix(
	plan: ScanFixPlan,
	options: {
		/** The token the plan was checked with: for the helpers. */
		token: string;
		services: Pick<Services, 'env' | 'endpoints'>;
		selected: ReadonlySet<string>;
		stripCredentials: boolean;
		settings: Settings;
		signal?: AbortSignal | undefined;
		onResult?: (result: CloneResult) => void;
	},
): Promise<ScanFixOutcome> {
	const clones: CloneResult[] = [];
	const warnings: string[] = [];
	let interrupted = false;
	for (const change of plan.changes) {
		const base = baseOf(change);
		let result: CloneResult;
		if (!options.selected.has(change.candidate.root)) {
			result = {...base, status: 'unselected', reason: 'unticked in the preview'};
		} else if (options.signal?.aborted) {
			interrupted = true;
			result = {
				...base,
				status: 'interrupted',
				reason: 'interrupted before this clone; not changed',
			};
		} else {
			result = await applyOne(change, base, options);
			if (result.status === 'migrated' || result.status === 'unchanged') {
				const warning = remember(options.settings, change);
				if (warning) {
					warnings.push(warning);
				}
			}
		}

		clones.push(result);
		options.onResult?.(result);
	}

	for (const item of plan.left) {
		clones.push({
			path: item.root,
			repository: item.repository,
			status: item.kind,
			reason: item.reason,
		});
	}

	interrupted ||= options.signal?.aborted ?? false;
	const stripped =
		options.stripCredentials && !interrupted ? await stripDead(plan) : ([] as StripResult[]);
	return {clones, stripped, interrupted, warnings};
}

function baseOf(change: Change) {
	return {
		path: change.candidate.root,
		repository: formatRepoRef(change.candidate.ref),
		remote: change.proposal.remote,
	};
}

async function applyOne(
	change: Change,
	base: ReturnType<typeof baseOf>,
	{token, services}: {token: string; services: Pick<Services, 'env' | 'endpoints'>},
): Promise<CloneResult> {
	const {inspection, proposal} = change;
	let written = false;
	try {
		written = await applyProposal(inspection, proposal);
		// A rotation in helper mode changes no byte of the config: the helper's entry still changes.
		await storeCredentials({
			plan: proposal.plan,
			root: inspection.repository.root,
			gitUrl: services.endpoints.gitUrl,
			chosen: change.chosen,
			token,
			env: services.env,
		});
		const {helper, previousHelper} = proposal.plan;
		// A helper given the new token (or an old entry erased) is a change even when no byte of the config is.
		const changed = written || helper !== undefined || previousHelper !== undefined;
		return {
			...base,
			status: changed ? 'migrated' : 'unchanged',
			url: redact(proposal.proposedUrl),
			auth: change.auth,
			helper: proposal.plan.helper?.name ?? null,
			botEmail: proposal.identity?.email ?? null,
		};
	} catch (error) {
		const restored = written ? await restore(change) : undefined;
		return {
			...base,
			status: 'failed',
			reason: `${messageOf(error)} (${restored ?? 'not changed'})`,
		};
	}
}

/** The config's old bytes back, after its helper refused the token; says so when that failed too. */
async function restore({inspection, proposal}: Change): Promise<string | undefined> {
	try {
		await writeConfigFile({...inspection.snapshot, text: proposal.after}, inspection.snapshot.text);
		return undefined;
	} catch (error) {
		return `and .git/config could not be put back: ${messageOf(error)}`;
	}
}

function remember(settings: Settings, change: Change): string | undefined {
	try {
		settings.remember({
			workspace: change.candidate.ref.workspace,
			repo: change.candidate.ref.repo,
			dir: change.candidate.root,
			...(change.proposal.identity ? {botEmail: change.proposal.identity.email} : {}),
		});
		return undefined;
	} catch (error) {
		return `Settings not saved: ${messageOf(error)}`;
	}
}

async function stripDead(plan: ScanFixPlan): Promise<StripResult[]> {
	const byFile = new Map<string, Set<number>>();
	for (const entry of plan.deadEntries) {
		byFile.set(entry.file, (byFile.get(entry.file) ?? new Set()).add(entry.line));
	}

	const results: StripResult[] = [];
	for (const [file, lines] of byFile) {
		try {
			results.push({file, removed: await removeCredentialLines(file, lines)});
		} catch (error) {
			results.push({file, removed: 0, error: messageOf(error)});
		}
	}

	return results;
}
