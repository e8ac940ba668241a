import type {CommandContext} from './context.js';
import {BbtokError, type ExitCode} from '../errors.js';

export async function demo(_context: CommandContext): Promise<ExitCode> {
	throw new BbtokError('`demo` is not built yet.');
}
