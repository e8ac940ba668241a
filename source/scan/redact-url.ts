/**
 * A URL's secret as `***`, found by the URL's own structure. redact() also works, but it
 * looks for every secret this process has seen in every text: over a thousand clones with a
 * thousand app passwords that alone took most of a scan's time.
 */
import {splitCredentials} from '../use-cases/fix-remote/credentials.js';

export function redactUrl(url: string): string {
	const parts = splitCredentials(url);
	if (parts === undefined) {
		return url;
	}

	const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(url)![0];
	return `${scheme}${parts.user}:***@${parts.stripped.slice(scheme.length + (parts.user === '' ? 0 : parts.user.length + 1))}`;
}
