import type {CommandContext} from './context.js';
import {BbtokError, type ExitCode} from '../errors.js';

export async function commits(_context: CommandContext): Promise<ExitCode> {
	throw new BbtokError('`commits` is not built yet.');
}
