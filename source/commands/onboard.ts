import type {CommandContext} from './context.js';
import {BbtokError, type ExitCode} from '../errors.js';

export async function onboard(_context: CommandContext): Promise<ExitCode> {
	throw new BbtokError('`onboard` is not built yet.');
}
