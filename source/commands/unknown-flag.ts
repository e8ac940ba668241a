/**
 * Flags the CLI does not know, found before anything runs: util.parseArgs' own report names
 * neither the program nor a way forward, so they are refused here first, with the closest
 * known flag when it is a typo.
 */
import {UsageError} from '../core/errors.js';

/**
 * The first argument before `--` that looks like a flag and is none of `known` (kebab-case
 * names, without dashes; `--no-x` counts as `x`), as a UsageError; undefined when all are known.
 */
export function unknownFlagError(
	argv: readonly string[],
	known: readonly string[],
): UsageError | undefined {
	const names = new Set(known);
	for (const argument of argv) {
		if (argument === '--') {
			break;
		}

		const match = /^--?([^=]+)/.exec(argument);
		if (match === null || /^-\d/.test(argument)) {
			continue;
		}

		const name = match[1]!;
		if (names.has(name) || (name.startsWith('no-') && names.has(name.slice(3)))) {
			continue;
		}

		// Only a flag-shaped name is echoed: `-tATCTT3x…` is a token pasted where a flag goes.
		const flag = argument.split('=')[0]!;
		const shown = /^--?[a-z][a-z\d-]{0,29}$/i.test(flag)
			? ` ${flag}`
			: ' (not shown: it is no flag name)';
		const guess = closest(name.replace(/^no-/, ''), known);
		return new UsageError(`Unknown flag${shown}.`, {
			hint:
				guess === undefined
					? 'Run bbtok-tui --help to see every flag.'
					: `Did you mean --${guess}? Run bbtok-tui --help to see every flag.`,
		});
	}

	return undefined;
}

/** The known name within two edits of `name`, if one is nearest. */
function closest(name: string, known: readonly string[]): string | undefined {
	let best: {name: string; distance: number} | undefined;
	for (const candidate of known) {
		const distance = editDistance(name, candidate);
		if (distance <= 2 && (best === undefined || distance < best.distance)) {
			best = {name: candidate, distance};
		}
	}

	return best?.name;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				previous[j]! + 1,
				current[j - 1]! + 1,
				previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
			);
		}

		previous = current;
	}

	return previous[b.length]!;
}
