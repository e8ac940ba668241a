/**
 * Plain-text and JSON output for headless runs: progress and errors go to stderr, results
 * to stdout, so `bbtok-tui ... --json | jq` sees only results.
 */

import {BbtokError, type ExitCode, exitCodeOf} from './errors.js';
import {redact} from './redaction.js';
import {printable, terminalSafeJson} from './terminal-text.js';

type Writable = {write(chunk: string): unknown};

/** Prints a failure as one line (plus a hint line when there is a next step) and returns its exit code. */
export function reportError(
	error: unknown,
	streams: {stderr: Writable; stdout: Writable},
	options: {json: boolean},
): ExitCode {
	const exitCode = exitCodeOf(error);
	const {message, hint} = describeError(error);
	streams.stderr.write(`bbtok-tui: ${message}\n`);
	if (hint) {
		streams.stderr.write(`  ${hint}\n`);
	}

	if (options.json) {
		const body = {ok: false, error: {exitCode, message, ...(hint ? {hint} : {})}};
		streams.stdout.write(`${terminalSafeJson(body)}\n`);
	}

	return exitCode;
}

/**
 * One redacted, terminal-safe line describing a thrown value. Errors from libraries are
 * shown by message only: their stacks and causes never reach the terminal. Messages carry
 * outside text (error bodies, git server messages, names), so every screen and line that
 * shows an error gets it through here.
 */
export function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return printable(redact(text.split('\n', 1)[0]!.trim())).trim() || 'Unexpected failure.';
}

/** A thrown value as every output shows it: its redacted first line and, when it has one, the redacted next step. */
export function describeError(error: unknown): {message: string; hint?: string} {
	const hint =
		error instanceof BbtokError && error.hint ? printable(redact(error.hint)) : undefined;
	return {message: messageOf(error), ...(hint ? {hint} : {})};
}
