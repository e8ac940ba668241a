/**
 * Keeps secrets out of every line bbtok-tui prints: each token this process has seen is
 * registered once, and `redact` removes all of them (and any `user:secret@` in a URL) from
 * a text before it is shown or written.
 */

const secrets = new Set<string>();

/** Every token seen by this process; `redact` removes each of them from any text. */
export function registerSecret(secret: string): void {
	if (secret.length >= 4) {
		secrets.add(secret);
	}
}

/** Replaces every registered secret, and credentials embedded in URLs, with `***`. */
export function redact(text: string): string {
	let result = text;
	for (const secret of secrets) {
		result = result.split(secret).join('***');
	}

	// `scheme://user:secret@host` → `scheme://user:***@host`, whatever the secret is.
	return result.replace(/(\b[a-z][a-z\d+.-]*:\/\/[^/\s:@]*):[^/\s@]+@/gi, '$1:***@');
}
