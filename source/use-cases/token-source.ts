/**
 * Where a run gets its token without asking: the first line of standard input with
 * `--token-stdin`, else BITBUCKET_ACCESS_TOKEN. The value is normalised (and registered for
 * redaction) before anything else sees it, and a user API token or an app password is refused
 * with advice before anything is sent.
 */
import {classifyToken, normalizeToken, refusalFor} from '../bitbucket/token.js';
import type {CommandContext} from '../core/context.js';
import {UsageError} from '../core/errors.js';

/** No token is this long; reading stops here rather than buffering a whole file. */
const maxLineBytes = 16 * 1024;

/** The token of a headless run, or undefined when neither source gives one. */
export async function readHeadlessToken(
	context: Pick<CommandContext, 'flags' | 'env' | 'stdin'>,
): Promise<string | undefined> {
	if (context.flags.tokenStdin) {
		if (context.stdin.isTTY) {
			throw new UsageError('--token-stdin reads a pipe, but standard input is a terminal.', {
				hint: 'Pipe the token in, e.g. printf \'%s\\n\' "$TOKEN" | bbtok-tui … --token-stdin, or omit --token-stdin to be prompted.',
			});
		}

		const line = await readFirstLine(context.stdin);
		if (line.trim() === '') {
			throw new UsageError('--token-stdin found no token on the first line of standard input.', {
				hint: 'Pipe the token in, e.g. printf \'%s\\n\' "$TOKEN" | bbtok-tui … --token-stdin.',
			});
		}

		return checkedToken(line);
	}

	return tokenFromEnv(context.env);
}

/**
 * BITBUCKET_ACCESS_TOKEN, checked like a typed token; undefined when it is not set. The one
 * reading of the variable, for every command and both front ends.
 */
export function tokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
	const fromEnv = env.BITBUCKET_ACCESS_TOKEN;
	// An empty variable is the shell's way of unsetting it.
	return fromEnv === undefined || fromEnv.trim() === '' ? undefined : checkedToken(fromEnv);
}

/** Normalises a token and refuses kinds that cannot work as an access token, with advice. */
export function checkedToken(raw: string): string {
	const token = normalizeToken(raw);
	const refusal = refusalFor(classifyToken(token));
	if (refusal !== undefined) {
		throw new UsageError(refusal.message, {hint: refusal.hint});
	}

	return token;
}

/**
 * Reads up to the first newline and stops, leaving the rest of the stream unread (pushed
 * back), so a script can pipe more after the token.
 */
export async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	let length = 0;
	return new Promise<string>((resolve, reject) => {
		const finish = (error?: Error) => {
			stream.off('readable', onReadable);
			stream.off('end', onEnd);
			stream.off('error', onError);
			stream.pause();
			if (error) {
				reject(error);
			} else {
				resolve(Buffer.concat(chunks).toString('utf8'));
			}
		};

		const onReadable = () => {
			for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) {
				const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
				const newline = buffer.indexOf(0x0a);
				if (newline !== -1) {
					chunks.push(buffer.subarray(0, newline));
					const rest = buffer.subarray(newline + 1);
					if (rest.length > 0) {
						stream.unshift(rest);
					}

					finish();
					return;
				}

				chunks.push(buffer);
				length += buffer.length;
				if (length > maxLineBytes) {
					finish(
						new UsageError('The first line of standard input is too long to be a token.', {
							hint: 'Pipe only the token, followed by a newline, into --token-stdin.',
						}),
					);
					return;
				}
			}
		};

		const onEnd = () => finish();
		const onError = (error: Error) =>
			finish(
				new UsageError(`Cannot read the token from standard input (${errorCode(error)}).`, {
					hint: 'Pipe the token in, e.g. printf \'%s\\n\' "$TOKEN" | bbtok-tui … --token-stdin.',
				}),
			);
		stream.on('readable', onReadable);
		stream.once('end', onEnd);
		stream.once('error', onError);
	});
}

/** Only the code: a stream error's message could quote what was read. */
function errorCode(error: Error): string {
	return (error as NodeJS.ErrnoException).code ?? error.name;
}
