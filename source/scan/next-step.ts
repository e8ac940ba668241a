/**
 * What to do about each finding of a scan, one short phrase that fits a table cell: dead
 * and password-asking remotes move onto a token with `fix-remote --scan`, dead stored
 * entries go with `--strip-credentials`, working ones need nothing (or a word of warning).
 */
import type {FoundAuthMode, Verdict} from '../git/auth-mode.js';

export function remoteNextStep(mode: FoundAuthMode, verdict: Verdict): string {
	if (verdict !== 'ok') {
		return 'fix-remote --scan';
	}

	if (mode === 'embed') {
		return 'none (token in plain text)';
	}

	if (mode === 'api-token') {
		return 'none (personal API token)';
	}

	return 'none';
}

export function credentialNextStep(verdict: Verdict): string {
	return verdict === 'dead' ? 'fix-remote --scan --strip-credentials' : 'none';
}

/** Why a verdict is what it is, for a summary line. */
export function verdictReason(mode: FoundAuthMode, verdict: Verdict): string {
	if (verdict === 'dead') {
		return mode === 'app-password'
			? 'app passwords were removed on 28 July 2026'
			: 'account passwords have not worked for git since March 2022';
	}

	return verdict === 'needs-token' ? 'git asks for a password only a token can answer' : 'works';
}
