/**
 * The BbtokError a promise rejects with, failing the test when it fulfils or rejects with
 * anything else; each failure is also collected in `seen`, for a file's token-leak check.
 */
import {expect} from 'vitest';
import {BbtokError} from '../../source/core/errors.js';

export async function failureOf(promise: Promise<unknown>, seen?: unknown[]): Promise<BbtokError> {
	const error = await promise.then(
		() => new Error('expected a failure'),
		(error: unknown) => error,
	);
	seen?.push(error);
	expect(error).toBeInstanceOf(BbtokError);
	return error as BbtokError;
}
