/**
 * Everything `fix-remote --scan` will do, worked out before anything is written: the tree
 * scanned, the candidates checked against the token (one request per distinct repository),
 * and for each reached clone fix-remote's own proposal (the exact bytes of its new config),
 * with the bot email by fix-remote's rules (--bot-email, else remembered for the repository,
 * else the newest bot author in the clone's history). The dead entries of git's credential
 * files are listed for --strip-credentials.
 */
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../core/context.js';
import {messageOf} from '../../core/output.js';
import {remoteUrlFor} from '../../git/remote-url.js';
import {type Candidate, chooseCandidates} from '../../scan/candidates.js';
import type {CredentialEntry} from '../../scan/credential-files.js';
import {botEmailFromHistory} from '../../scan/history-bot-email.js';
import {checkReach} from '../../scan/reach.js';
import {scanTree, type TreeScan} from '../../scan/scan-tree.js';
import type {Services} from '../../services/services.js';
import {type Inspection, inspectRepository} from '../fix-remote/inspect.js';
import {otherCredentials, type Proposal, proposeFix} from '../fix-remote/plan.js';

export type ScanFixRequest = {
	readonly dir: string;
	readonly credentialFiles: readonly string[];
	readonly token: string;
	/** --auth; absent: an embed clone stays embed, the others get the preferred mode or prompt. */
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
		if (candidate.mode === 'helper' && request.auth === undefined) {
			// Already token auth through the user's credential helper; --auth says what to do with it.
			left.push({
				root: candidate.root,
				repository,
				reason: 'token auth through your credential helper; kept (pass --auth to change it)',
				kind: 'left',
			});
			continue;
		}

		if (reach.kind !== 'reached') {
			left.push({root: candidate.root, repository, reason: reach.reason, kind: reach.kind});
			continue;
		}

		try {
			changes.push(
				await changeFor(
					candidate,
					request,
					settings.botEmailFor(candidate.ref),
					gitUrl,
					settings.preferences().auth,
				),
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
	gitUrl: string,
	preferred: AuthMode | undefined,
): Promise<Change> {
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
	// Rotating keeps an embed clone embedded; the others get what was asked or preferred.
	const auth = request.auth ?? (candidate.mode === 'embed' ? 'embed' : (preferred ?? 'prompt'));
	if (auth === 'helper') {
		// Handing the token to a helper (and erasing an old entry) is fix-remote PATH's, clone by clone.
		throw new Error(
			'--scan does not hand tokens to a credential helper; run fix-remote PATH --auth helper',
		);
	}

	const proposal = proposeFix({
		inspection,
		chosen,
		proposedUrl: remoteUrlFor(gitUrl, chosen.ref, auth, request.token),
		identity: email === undefined ? undefined : {email},
		strip: request.stripCredentials ? otherCredentials(inspection, chosen) : [],
		plan: {auth},
		gitUrl,
	});
	return {candidate, inspection, proposal, auth, emailSource};
}
