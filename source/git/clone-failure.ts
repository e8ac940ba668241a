/**
 * What a failed clone tells the user: an interruption, a refusal for safety, a local
 * failure (disk, permissions), the transport's cause, or isomorphic-git's own error.
 */
import {BbtokError, InterruptedError, NetworkError, UsageError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import {cloneLocalFailure} from './local-failures.js';
import {maxObjectBytes, OversizedObjectError} from './pack/pack-format.js';

export function interrupted(name: string): InterruptedError {
	// One line: an ending signal may leave the terminal with room for no more.
	return new InterruptedError(`Cloning ${name} was interrupted; nothing was left behind.`);
}

export function cloneFailure(
	error: unknown,
	context: {
		name: string;
		dir: string;
		packBytes: number;
		branch: string | undefined;
		failures: readonly BbtokError[];
		signal: AbortSignal | undefined;
	},
): BbtokError {
	if (context.signal?.aborted) {
		return interrupted(context.name);
	}

	if (error instanceof BbtokError) {
		return error;
	}

	// A checkout of many files reports its failures together.
	const [firstOfMany] = (error as {errors?: unknown[]}).errors ?? [];
	const local = cloneLocalFailure(firstOfMany ?? error, context);
	if (local) {
		return local;
	}

	if (error instanceof OversizedObjectError) {
		const which = error.entry === undefined ? 'an object' : `object ${error.entry}`;
		return new BbtokError(
			`Refused to clone ${context.name} for safety: ${which} of its pack declares ${gibibytes(error.size)}, over the ${gibibytes(maxObjectBytes)} a clone takes for one object; nothing was written.`,
			{cause: error},
		);
	}

	// isomorphic-git turns a broken response into its own parse errors; the transport saw the cause.
	const [transportFailure] = context.failures;
	if (transportFailure) {
		return transportFailure;
	}

	const code = (error as {code?: unknown}).code;
	if (code === 'ParseError') {
		// A response that ends cleanly but early (a proxy or server cutting a pack short).
		return new NetworkError(
			`The git server's response for ${context.name} ended early or was garbled.`,
			{
				cause: error,
				hint: 'Check your connection and proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), then try again.',
			},
		);
	}

	if (context.branch !== undefined && code === 'NotFoundError') {
		return new UsageError(`There is no branch ${redact(context.branch)} in ${context.name}.`, {
			hint: 'Leave out --branch to clone the main branch, or check the branch name.',
		});
	}

	const message = error instanceof Error ? error.message : String(error);
	return new BbtokError(
		`Cloning ${context.name} failed: ${redact(message.split('\n', 1)[0]!.trim())}`,
		{
			cause: error,
			hint: 'Run the command again; if it keeps failing, report it with this message.',
		},
	);
}

const gibibytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 34 ? 1 : 0)} GiB`;
