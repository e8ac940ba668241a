/** What the settings file keeps, as the store and its schema share it. */
import type {AuthMode} from '../core/context.js';

export type RecentRepository = {
	workspace: string;
	repo: string;
	/** Absolute path of the clone. */
	dir?: string;
	/** The token's bot email used for this repository. */
	botEmail?: string;
	/** ISO 8601 timestamp. */
	lastUsed: string;
};

export type Preferences = {auth?: AuthMode; depth?: number};
