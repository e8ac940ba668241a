/**
 * What a failed git HTTP request means, as one of bbtok-tui's typed errors: a status the
 * server answered (401, 403 with the scopes it wanted, 404, busy) or a connection that
 * could not be made or broke. Messages name the repository, redacted, never the token.
 */
import {scopesOf} from '../bitbucket/failures.js';
import {
	AuthError,
	BbtokError,
	InterruptedError,
	NetworkError,
	NotFoundError,
} from '../core/errors.js';
import {redact} from '../core/redaction.js';

/** What a message names: the repository URL without the smart-HTTP suffix, and which service was asked. */
export type Target = {repository: string; origin: string; push: boolean};

export function describeTarget(url: string): Target {
	const parsed = new URL(url);
	const push =
		parsed.searchParams.get('service') === 'git-receive-pack' ||
		parsed.pathname.endsWith('/git-receive-pack');
	const repositoryPath = parsed.pathname.replace(
		/\/(info\/refs|git-upload-pack|git-receive-pack)$/,
		'',
	);
	return {repository: redact(`${parsed.origin}${repositoryPath}`), origin: parsed.origin, push};
}

export function statusError(status: number, bodyText: string, target: Target): BbtokError {
	const {repository, push} = target;
	if (status === 401) {
		return new AuthError(`The git server rejected the token for ${repository} (HTTP 401).`, {
			reason: 'rejected',
			hint: 'The token may be revoked, expired or mistyped: create a new access token and try again.',
		});
	}

	if (status === 403) {
		const detail = scopesOf(bodyText);
		const required =
			detail.required.length > 0 ? detail.required : [push ? 'repository:write' : 'repository'];
		return new AuthError(
			`The token lacks the ${required.join(', ')} scope needed to ${push ? 'push to' : 'clone'} ${repository} (HTTP 403).`,
			{
				reason: 'scope',
				required,
				...(detail.granted.length > 0 ? {granted: detail.granted} : {}),
				hint: `Create an access token with the ${required.join(' and ')} scope${required.length > 1 ? 's' : ''}.`,
			},
		);
	}

	if (status === 404) {
		return new NotFoundError(
			`${repository} was not found, or this token cannot see it (HTTP 404).`,
			{
				hint: 'Check the workspace and repository names; a repository access token reaches only its own repository.',
			},
		);
	}

	if (status === 429 || status >= 500) {
		return new NetworkError(`The git server answered HTTP ${status} for ${repository}.`, {
			hint: 'The server is busy or failing; try again in a moment.',
		});
	}

	return new BbtokError(`The git server answered an unexpected HTTP ${status} for ${repository}.`, {
		hint: 'Check --git-url (or BBTOK_GIT_URL): it must point at a Bitbucket git host.',
	});
}

/** Maps anything undici throws (or an abort) to a typed error; `bytes` says whether a body was under way. */
export function transportError(
	error: unknown,
	target: Target,
	signal: AbortSignal | undefined,
	bytes?: number,
): BbtokError {
	if (signal?.aborted) {
		return new InterruptedError('Interrupted.', {cause: error});
	}

	if (error instanceof BbtokError) {
		return error;
	}

	const reason = networkReason(error);
	const message =
		bytes === undefined
			? `Could not reach ${target.origin}: ${reason}.`
			: `The connection to ${target.origin} broke after ${bytes} bytes: ${reason}.`;
	return new NetworkError(redact(message), {
		cause: error,
		hint: 'Check your connection and proxy settings (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), then try again.',
	});
}

function networkReason(error: unknown): string {
	const code = (error as {code?: unknown} | undefined)?.code;
	switch (code) {
		case 'ECONNREFUSED': {
			return 'connection refused';
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return 'host not found';
		}

		case 'UND_ERR_CONNECT_TIMEOUT':
		case 'ETIMEDOUT': {
			return 'connection timed out';
		}

		case 'UND_ERR_HEADERS_TIMEOUT':
		case 'UND_ERR_BODY_TIMEOUT': {
			return 'the server stopped responding';
		}

		case 'UND_ERR_SOCKET':
		case 'ECONNRESET':
		case 'EPIPE': {
			return 'the connection was closed unexpectedly';
		}

		default: {
			const text = error instanceof Error ? error.message : String(error);
			return text.split('\n', 1)[0]!.trim() || 'unknown network error';
		}
	}
}
