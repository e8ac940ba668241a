import type {CommandContext} from './context.js';
import {BbtokError, type ExitCode} from '../errors.js';

export async function fixRemote(_context: CommandContext): Promise<ExitCode> {
	throw new BbtokError('`fix-remote` is not built yet.');
}
