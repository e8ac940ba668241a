/**
 * What the settings file may hold: the schema conf checks on every read, and the refusal of
 * anything that looks like a token before it is written.
 */
import type {Schema} from 'conf';
import {classifyToken} from '../bitbucket/token.js';
import {BbtokError} from '../core/errors.js';
import {redact} from '../core/redaction.js';
import type {Preferences, RecentRepository} from './types.js';

export type Data = {recent?: RecentRepository[]; preferences?: Preferences};

export const schema: Schema<Data> = {
	recent: {
		type: 'array',
		maxItems: 100,
		items: {
			type: 'object',
			required: ['workspace', 'repo', 'lastUsed'],
			additionalProperties: false,
			properties: {
				workspace: {type: 'string', minLength: 1},
				repo: {type: 'string', minLength: 1},
				dir: {type: 'string', minLength: 1},
				botEmail: {type: 'string', minLength: 3},
				lastUsed: {type: 'string', minLength: 1},
			},
		},
	},
	preferences: {
		type: 'object',
		additionalProperties: false,
		properties: {
			auth: {enum: ['prompt', 'helper', 'embed']},
			depth: {type: 'integer', minimum: 1},
		},
	},
};

/** A registered secret (redact changes the text) or anything shaped like an Atlassian token. */
export function refuseSecrets(values: readonly unknown[]): void {
	for (const value of values) {
		if (typeof value === 'string' && (redact(value) !== value || looksLikeToken(value))) {
			throw new BbtokError('Refused to save a token in the settings file.', {
				hint: 'This is a bug in bbtok-tui; please report it (the token was not written).',
			});
		}
	}
}

/** Any word of the value carries an Atlassian token prefix (a path or URL can hold one). */
function looksLikeToken(value: string): boolean {
	return value.split(/[^\w+=-]+/).some((word) => classifyToken(word) !== 'unknown');
}
