/**
 * The commit identity of a clone: the token's bot email (and optionally a name) in the
 * clone's own `.git/config`, so commits pushed with the token are authored as its bot
 * without touching the user's global git identity. Written with the same line-level
 * editor as fix-remote, so nothing else in the file moves.
 */
import path from 'node:path';
import {UsageError} from '../core/errors.js';
import {ConfigFile, readConfigFile, writeConfigFile} from './config-file.js';

export async function setLocalIdentity(
	dir: string,
	identity: {email: string; name?: string},
): Promise<void> {
	// Both are checked before either is written, so a refusal leaves the config as it was.
	const email = checkedValue(identity.email, 'email');
	const name = identity.name === undefined ? undefined : checkedValue(identity.name, 'name');
	const snapshot = await readConfigFile(path.join(dir, '.git', 'config'));
	let config = ConfigFile.parse(snapshot.text, snapshot.path).set(
		{section: 'user'},
		'email',
		email,
	);
	if (name !== undefined) {
		config = config.set({section: 'user'}, 'name', name);
	}

	await writeConfigFile(snapshot, config.text);
}

/** A value spanning lines or carrying control characters would corrupt the config file. */
function checkedValue(value: string, what: 'email' | 'name'): string {
	const trimmed = value.trim();
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
	if (trimmed === '' || /[\u0000-\u001F\u007F]/.test(trimmed)) {
		throw new UsageError(`The commit ${what} must be a non-empty single line.`);
	}

	return trimmed;
}
