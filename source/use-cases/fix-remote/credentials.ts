/**
 * The security doctor's eyes: remote URLs that carry a secret (`scheme://user:secret@host`),
 * found in `.git/config`, shown only redacted, and stripped to `scheme://user@host` on
 * request. Every secret found is registered, so no later message can print it.
 */
import {registerSecret} from '../../core/redaction.js';
import type {ConfigFile} from '../../git/config-file.js';

export type EmbeddedCredential = {
	readonly remote: string;
	readonly key: 'url' | 'pushurl';
	/** Which `key` entry of the remote (a remote may list several push URLs). */
	readonly index: number;
	readonly url: string;
};

/** `scheme://user:secret@rest` split at the authority's last `@`, or undefined when no secret is embedded. */
export function splitCredentials(
	url: string,
): {user: string; secret: string; stripped: string} | undefined {
	const match = /^([a-z][a-z\d+.-]*:\/\/)([^/?#]*)@/i.exec(url);
	if (!match) {
		return undefined;
	}

	const [whole, scheme = '', userinfo = ''] = match;
	const colon = userinfo.indexOf(':');
	if (colon === -1) {
		return undefined;
	}

	const user = userinfo.slice(0, colon);
	const secret = userinfo.slice(colon + 1);
	const rest = url.slice(whole.length);
	return {user, secret, stripped: `${scheme}${user === '' ? '' : `${user}@`}${rest}`};
}

/** The URL without its secret: `https://jo:pw@host/x` → `https://jo@host/x`. */
export function stripSecret(url: string): string {
	return splitCredentials(url)?.stripped ?? url;
}

/** Every remote `url`/`pushurl` entry that embeds a secret, in file order. */
export function embeddedCredentials(config: ConfigFile): EmbeddedCredential[] {
	const found: EmbeddedCredential[] = [];
	const seen = new Map<string, number>();
	for (const entry of config.entries()) {
		if (entry.section !== 'remote' || entry.subsection === undefined || entry.value === undefined) {
			continue;
		}

		if (entry.key !== 'url' && entry.key !== 'pushurl') {
			continue;
		}

		const counter = `${entry.subsection}\0${entry.key}`;
		const index = seen.get(counter) ?? 0;
		seen.set(counter, index + 1);
		const parts = splitCredentials(entry.value);
		if (parts && parts.secret !== '') {
			registerSecret(parts.secret);
			registerSecret(safeDecode(parts.secret));
			found.push({remote: entry.subsection, key: entry.key, index, url: entry.value});
		}
	}

	return found;
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
