/**
 * Defaults every command takes the same way: a flag wins, then what the settings remember
 * from earlier runs, then the built-in value.
 */
import type {AuthMode, Flags} from '../core/context.js';
import type {Preferences} from '../settings/store.js';

/** How git gets the token: `--auth`, else the remembered preference, else `prompt`. */
export function authModeOf(flags: Pick<Flags, 'auth'>, preferences: Preferences): AuthMode {
	return flags.auth ?? preferences.auth ?? 'prompt';
}
