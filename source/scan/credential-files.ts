/**
 * git's plain-text credential files (`git credential-store`): `~/.git-credentials` and
 * `$XDG_CONFIG_HOME/git/credentials`, one `https://user:secret@host` URL a line. The entries
 * for the Bitbucket host are read with their file and line, judged like a remote URL's
 * `user:secret`, and shown only redacted; on request the dead ones (app passwords, account
 * passwords) are removed, atomically and keeping every other byte and the file's mode.
 */
import {randomBytes} from 'node:crypto';
import {open, readFile, realpath, rename, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import {BbtokError} from '../core/errors.js';
import {registerSecret} from '../core/redaction.js';
import {type FoundAuthMode, secretAuth, type Verdict} from '../git/auth-mode.js';
import {redactUrl} from './redact-url.js';

export type CredentialEntry = {
	readonly file: string;
	/** 1-based. */
	readonly line: number;
	/** The line's URL with its secret as `***`. */
	readonly url: string;
	readonly host: string;
	readonly username: string;
	readonly mode: FoundAuthMode;
	readonly verdict: Verdict;
};

export type CredentialFiles = {
	readonly entries: readonly CredentialEntry[];
	/** Files that exist but could not be read, with the system's code. */
	readonly problems: readonly {file: string; reason: string}[];
};

/** The files git's store helper reads, in its order; `xdgConfigHome` empty or unset means `~/.config`. */
export function credentialFilePaths(where: {home: string; xdgConfigHome?: string | undefined}) {
	const xdg = where.xdgConfigHome?.trim() ? where.xdgConfigHome : path.join(where.home, '.config');
	return [path.join(where.home, '.git-credentials'), path.join(xdg, 'git', 'credentials')];
}

/** The entries of `files` whose host `isBitbucketHost` accepts; a missing file is no problem. */
export async function readCredentialFiles(
	files: readonly string[],
	isBitbucketHost: (host: string) => boolean,
): Promise<CredentialFiles> {
	const entries: CredentialEntry[] = [];
	const problems: {file: string; reason: string}[] = [];
	for (const file of files) {
		let bytes: Buffer;
		try {
			bytes = await readFile(file);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
			if (code !== 'ENOENT' && code !== 'ENOTDIR') {
				problems.push({file, reason: code});
			}

			continue;
		}

		for (const {text, line} of linesOf(bytes)) {
			const entry = entryOf(text, file, line);
			if (entry !== undefined && isBitbucketHost(entry.host)) {
				entries.push(entry);
			}
		}
	}

	return {entries, problems};
}

/**
 * Removes the dead entries (by line) from `file`: the new content goes to a temp file next to
 * it with the same mode, is flushed, then renamed over the original, so a reader sees the old
 * file or the new one, never half of either. Refuses when the file changed since it was read.
 */
export async function removeCredentialLines(
	file: string,
	lines: ReadonlySet<number>,
): Promise<number> {
	const target = await realpath(file);
	const [bytes, info] = await Promise.all([readFile(target), stat(target)]);
	const kept: Buffer[] = [];
	let removed = 0;
	for (const {line, start, end} of linesOf(bytes)) {
		if (lines.has(line) && deadEntry(bytes, start, end, file, line)) {
			removed++;
		} else {
			kept.push(bytes.subarray(start, end));
		}
	}

	if (removed === 0) {
		return 0;
	}

	const mode = info.mode & 0o7777;
	const temp = path.join(
		path.dirname(target),
		`.${path.basename(target)}.bbtok-${randomBytes(4).toString('hex')}`,
	);
	const handle = await open(temp, 'wx', mode);
	let renamed = false;
	try {
		await handle.writeFile(Buffer.concat(kept));
		await handle.chmod(mode);
		await handle.sync();
		await handle.close();
		if (!(await readFile(target)).equals(bytes)) {
			throw new BbtokError(`${file} changed while bbtok-tui was editing it; nothing was removed.`);
		}

		await rename(temp, target);
		renamed = true;
	} finally {
		if (!renamed) {
			await handle.close().catch(() => undefined);
			await rm(temp, {force: true});
		}
	}

	return removed;
}

/** Lines with their byte range, terminator included, so a rewrite keeps every other byte. */
function* linesOf(
	bytes: Buffer,
): Generator<{text: string; line: number; start: number; end: number}> {
	let start = 0;
	for (let line = 1; start < bytes.length; line++) {
		const newline = bytes.indexOf(0x0a, start);
		const end = newline === -1 ? bytes.length : newline + 1;
		const text = bytes.toString('utf8', start, newline === -1 ? end : newline).replace(/\r$/, '');
		yield {text, line, start, end};
		start = end;
	}
}

function deadEntry(bytes: Buffer, start: number, end: number, file: string, line: number) {
	const text = bytes.toString('utf8', start, end).replace(/\r?\n$/, '');
	return entryOf(text, file, line)?.verdict === 'dead';
}

/** A line as git's store helper reads it: a URL with a username and a password, else nothing. */
function entryOf(text: string, file: string, line: number): CredentialEntry | undefined {
	const match = /^([a-z][a-z\d+.-]*):\/\/([^/@]*)@([^/?#]+)/i.exec(text.trim());
	if (!match) {
		return undefined;
	}

	const [, , userinfo = '', host = ''] = match;
	const colon = userinfo.indexOf(':');
	if (colon === -1) {
		return undefined;
	}

	const username = decode(userinfo.slice(0, colon));
	const rawSecret = userinfo.slice(colon + 1);
	const secret = decode(rawSecret);
	registerSecret(rawSecret);
	registerSecret(secret);
	return {
		file,
		line,
		url: redactUrl(text.trim()),
		host: host.toLowerCase(),
		username,
		...secretAuth(username, secret),
	};
}

function decode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
