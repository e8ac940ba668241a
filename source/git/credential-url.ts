/**
 * URLs as git's credential machinery sees them: the fields of a credential description
 * (`protocol`, `host`, `path`, `username`) and whether a `credential.<url>.*` key applies to a
 * repository URL (git's urlmatch: same scheme, host and port, the key's path a prefix of the
 * URL's at a `/`, its user, when it names one, the same; a key without `://` names a host).
 */

export type CredentialFields = {
	readonly protocol: string;
	readonly host: string;
	readonly path: string;
	readonly username?: string;
};

/** `https://x-token-auth@host:8443/ws/repo.git` → protocol https, host host:8443, path ws/repo.git. */
export function credentialFieldsOf(url: string): CredentialFields {
	const parsed = new URL(url);
	const username = decodeURIComponent(parsed.username);
	return {
		protocol: parsed.protocol.replace(/:$/, ''),
		host: parsed.host,
		path: decodeURIComponent(parsed.pathname.replace(/^\/+/, '')),
		...(username === '' ? {} : {username}),
	};
}

/** The description `git credential` reads on stdin, ended by a blank line. */
export function credentialInput(fields: CredentialFields, password?: string): string {
	const lines = [
		`protocol=${fields.protocol}`,
		`host=${fields.host}`,
		`path=${fields.path}`,
		...(fields.username === undefined ? [] : [`username=${fields.username}`]),
		...(password === undefined ? [] : [`password=${password}`]),
	];
	return `${lines.join('\n')}\n\n`;
}

/** Scheme, userinfo and host of `url`, with no path: `credential.<this>.useHttpPath` reaches every repository there. */
export function credentialBase(gitUrl: string): string {
	const parsed = new URL(gitUrl);
	return `${parsed.protocol}//${parsed.host}`;
}

/** The repository URL without credentials: the key `credential.<url>.helper` scopes to one repository. */
export function credentialKeyUrl(url: string): string {
	const parsed = new URL(url);
	return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

export function credentialUrlMatches(pattern: string, url: string): boolean {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return false;
	}

	if (!pattern.includes('://')) {
		return pattern.toLowerCase() === target.host.toLowerCase();
	}

	let key: URL;
	try {
		key = new URL(pattern);
	} catch {
		return false;
	}

	if (key.protocol !== target.protocol || key.host !== target.host) {
		return false;
	}

	if (key.username !== '' && key.username !== target.username) {
		return false;
	}

	const keyPath = key.pathname.replace(/\/+$/, '');
	return keyPath === '' || target.pathname === keyPath || target.pathname.startsWith(`${keyPath}/`);
}
