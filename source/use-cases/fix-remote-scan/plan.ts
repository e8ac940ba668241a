/**
 * Everything `fix-remote --scan` will do, worked out before anything is written: the tree
 * scanned, the candidates checked against the token (one request per distinct repository),
 * and for each reached clone fix-remote's own proposal (the exact bytes of its new config),
 * with the bot email by fix-remote's rules (--bot-email, else remembered for the repository,
 * else the newest bot author in the clone's history), and fix-remote's own auth plan (--auth,
 * else a helper or embed clone kept in its mode with the new token, else prompt). The dead
 * entries of git's credential files are listed for --strip-credentials.
 */
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../core/context.js';
import {messageOf} from '../../core/output.js';
import {requireSafeHelper} from '../../git/credential-helper.js';
import {remoteUrlFor} from '../../git/remote-url.js';
import {type Candidate, chooseCandidates} from '../../scan/candidates.js';
import type {CredentialEntry} from '../../scan/credential-files.js';
import {botEmailFromHistory} from '../../scan/history-bot-email.js';
import {checkReach} from '../../scan/reach.js';
import {scanTree, type TreeScan} from '../../scan/scan-tree.js';
import type {Services} from '../../services/services.js';
import {planAuth} from '../fix-remote/auth-plan.js';
import {type Inspection, inspectRepository} from '../fix-remote/inspect.js';
import {otherCredentials, type Proposal, proposeFix} from '../fix-remote/plan.js';
import type {BitbucketRemote} from '../fix-remote/remote-choice.js';

export type ScanFixRequest = {
	readonly dir: string;
	readonly credentialFiles: readonly string[];
	readonly token: string;
	/** --auth; absent: a helper or embed clone stays in its mode, the others get prompt. */
	readonly auth?: AuthMode | undefined;
	/** --bot-email, normalised. */
	readonly botEmail?: string | undefined;
	readonly remote?: string | undefined;
	readonly stripCredentials: boolean;
	readonly signal?: AbortSignal | undefined;
	/** After the (offline) scan, before the first request. */
	readonly onScanned?: (found: {clones: number; candidates: number; repositories: number}) => void;
	readonly onChecked?: (done: number, total: number) => void;
};

export type EmailSource = 'flag' | 'remembered' | 'history' | 'none';

export type Change = {
	readonly candidate: Candidate;
	readonly inspection: Inspection;
	/** The remote as fix-remote read it, the one the proposal rewrites. */
	readonly chosen: BitbucketRemote;
	readonly proposal: Proposal;
	readonly auth: AuthMode;
	readonly emailSource: EmailSource;
};

export type Left = {
	readonly root: string;
	readonly repository?: string;
	readonly reason: string;
	readonly kind: 'unreachable' | 'unchecked' | 'left' | 'failed';
};

export type ScanFixPlan = {
	readonly scan: TreeScan;
	readonly changes: readonly Change[];
	readonly left: readonly Left[];
	/** Dead credential-file entries, removed only with --strip-credentials. */
	readonly deadEntries: readonly CredentialEntry[];
	readonly requests: number;
	readonly stoppedNearLimit: boolean;
};

export async function planScanFix(
	request: ScanFixRequest,
	services: Services,
): Promise<ScanFixPlan> {
	const {gitUrl} = services.endpoints;
	const scan = await scanTree({...request, gitUrl});
	const {candidates, passed} = chooseCandidates(scan.remotes, request.remote);
	request.onScanned?.({
		clones: scan.repositoryCount,
		candidates: candidates.length,
		repositories: new Set(candidates.map((candidate) => formatRepoRef(candidate.ref))).size,
	});
	const client = await services.api(request.token);
	const checked = await checkReach(
		candidates.map((candidate) => candidate.ref),
		client,
		{signal: request.signal, onChecked: request.onChecked},
	);
	const {settings} = await services.settings();
	const left: Left[] = passed.map((item) => ({...item, kind: 'left'}));
	const changes: Change[] = [];
	for (const candidate of candidates) {
		const repository = formatRepoRef(candidate.ref);
		const reach = checked.reach.get(repository)!;
		if (reach.kind !== 'reached') {
			left.push({root: candidate.root, repository, reason: reach.reason, kind: reach.kind});
			continue;
		}

		try {
			changes.push(
				await changeFor(candidate, request, settings.botEmailFor(candidate.ref), services),
			);
		} catch (error) {
			left.push({root: candidate.root, repository, reason: messageOf(error), kind: 'failed'});
		}
	}

	left.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
	return {
		scan,
		changes,
		left,
		deadEntries: scan.credentials.filter((entry) => entry.verdict === 'dead'),
		requests: checked.requests,
		stoppedNearLimit: checked.stoppedNearLimit,
	};
}

async function changeFor(
	candidate: Candidate,
	request: ScanFixRequest,
	remembered: string | undefined,
	services: Services,
): Promise<Change> {
	const {gitUrl} = services.endpoints;
	const inspection = await inspectRepository(candidate.root, gitUrl);
	const chosen = inspection.candidates.find((found) => found.remote.name === candidate.remote);
	if (chosen === undefined) {
		throw new Error(`remote ${candidate.remote} changed since the scan`);
	}

	const fromHistory =
		(request.botEmail ?? remembered)
			? undefined
			: await botEmailFromHistory(candidate.root, inspection.repository.gitDir);
	const email = request.botEmail ?? remembered ?? fromHistory;
	const emailSource: EmailSource = request.botEmail
		? 'flag'
		: remembered
			? 'remembered'
			: fromHistory
				? 'history'
				: 'none';
	// As fix-remote PATH plans it: this clone's own helper list decides which helper holds the token.
	const plan = await planAuth({
		inspection,
		chosen,
		requested: request.auth,
		gitUrl,
		env: services.env,
		platform: process.platform,
	});
	const proposal = proposeFix({
		inspection,
		chosen,
		proposedUrl: remoteUrlFor(gitUrl, chosen.ref, plan.auth, request.token),
		identity: email === undefined ? undefined : {email},
		strip: request.stripCredentials ? otherCredentials(inspection, chosen) : [],
		plan,
		gitUrl,
	});
	return {candidate, inspection, chosen, proposal, auth: plan.auth, emailSource};
}

/**
 * `--auth helper` without a helper that keeps tokens out of plain text is refused once, before
 * the scan sends anything or changes a byte (exit 2, naming the other modes and how to set
 * one up). A clone whose own config lists none is then left with that reason.
 */
export async function requireScanHelper(
	auth: AuthMode | undefined,
	services: Pick<Services, 'env' | 'cwd' | 'endpoints'>,
): Promise<void> {
	if (auth === 'helper') {
		await requireSafeHelper({env: services.env, cwd: services.cwd}, services.endpoints.gitUrl, {
			withLocal: false,
			platform: process.platform,
		});
	}
}
