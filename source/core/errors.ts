/**
 * The failures bbtok-tui reports, each carrying the exit code PRODUCT.md assigns to it.
 * Messages are one line, never contain a token (build them from redacted values), and
 * `hint` says what the user can do next.
 */

export const ExitCode = {
	ok: 0,
	failure: 1,
	usage: 2,
	auth: 3,
	notFound: 4,
	network: 5,
	/** Ctrl+C as a key or SIGINT: 128 + 2. */
	interrupted: 130,
	/** SIGHUP, a closed terminal: 128 + 1. */
	hungUp: 129,
	/** SIGTERM: 128 + 15. */
	terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class BbtokError extends Error {
	override readonly name: string = 'BbtokError';
	readonly exitCode: ExitCode = ExitCode.failure;
	/** The next step for the user, one line. */
	readonly hint: string | undefined;

	constructor(message: string, options: {hint?: string; cause?: unknown} = {}) {
		super(message, options.cause === undefined ? undefined : {cause: options.cause});
		this.hint = options.hint;
	}
}

/** Bad arguments, flags, variables or input: exit 2. */
export class UsageError extends BbtokError {
	override readonly name = 'UsageError';
	override readonly exitCode = ExitCode.usage;
}

/** 401 (token rejected) or 403 (token lacks scopes): exit 3. */
export class AuthError extends BbtokError {
	override readonly name = 'AuthError';
	override readonly exitCode = ExitCode.auth;
	readonly reason: 'rejected' | 'scope';
	/** Scopes the endpoint needs, from Bitbucket's 403 `error.detail.required`. */
	readonly required: readonly string[];
	/** Scopes the token has, from Bitbucket's 403 `error.detail.granted`. */
	readonly granted: readonly string[];

	constructor(
		message: string,
		options: {
			reason: 'rejected' | 'scope';
			required?: readonly string[];
			granted?: readonly string[];
			hint?: string;
			cause?: unknown;
		},
	) {
		super(message, options);
		this.reason = options.reason;
		this.required = options.required ?? [];
		this.granted = options.granted ?? [];
	}
}

/** 404: the repository does not exist or this token cannot see it: exit 4. */
export class NotFoundError extends BbtokError {
	override readonly name = 'NotFoundError';
	override readonly exitCode = ExitCode.notFound;
}

/** DNS, refused, TLS, timeout, cut connection, 5xx after retries, 429 past the wait budget: exit 5. */
export class NetworkError extends BbtokError {
	override readonly name = 'NetworkError';
	override readonly exitCode = ExitCode.network;
}

/** The signals that end a run; each ends it the same way, with its own exit code. */
export type EndingSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

export const endingSignals: readonly EndingSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const signalExitCodes = {
	SIGINT: ExitCode.interrupted,
	SIGTERM: ExitCode.terminated,
	SIGHUP: ExitCode.hungUp,
} as const satisfies Record<EndingSignal, ExitCode>;

/** 128 + N for signal N: the one place a signal becomes an exit code. */
export function signalExitCode(signal: EndingSignal): ExitCode {
	return signalExitCodes[signal];
}

/**
 * The exit code of a run that ended with `code` after `signal` arrived: an interruption
 * (every layer reports one as 130, the Ctrl+C key included) becomes the signal's own code.
 */
export function exitCodeAfterSignal(code: ExitCode, signal: EndingSignal | undefined): ExitCode {
	return signal !== undefined && code === ExitCode.interrupted ? signalExitCode(signal) : code;
}

/** Ctrl+C or an aborted operation: exit 130 (the CLI makes it 128+N for the signal that arrived). */
export class InterruptedError extends BbtokError {
	override readonly name = 'InterruptedError';
	override readonly exitCode = ExitCode.interrupted;

	constructor(message = 'Interrupted.', options: {hint?: string; cause?: unknown} = {}) {
		super(message, options);
	}
}

/** The exit code for any thrown value: ours carry one, anything else is an unexpected failure. */
export function exitCodeOf(error: unknown): ExitCode {
	return error instanceof BbtokError ? error.exitCode : ExitCode.failure;
}
