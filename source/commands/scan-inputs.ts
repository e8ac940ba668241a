/**
 * What `--scan DIR` needs from the run's context, for status and fix-remote alike: the folder
 * (relative to the current one), the git host that makes a remote a Bitbucket one, and where
 * git's credential files are ($HOME, $XDG_CONFIG_HOME): read here so no layer below reads
 * the environment.
 */
import os from 'node:os';
import path from 'node:path';
import {resolveEndpoints} from '../bitbucket/endpoints.js';
import type {CommandContext} from '../core/context.js';
import {UsageError} from '../core/errors.js';
import {credentialFilePaths} from '../scan/credential-files.js';

export type ScanInputs = {
	readonly dir: string;
	readonly gitUrl: string;
	readonly apiUrl: string;
	readonly home: string;
	readonly credentialFiles: readonly string[];
};

export function scanInputsOf(context: CommandContext, command: string): ScanInputs {
	const {scan} = context.flags;
	if (scan === undefined || scan.trim() === '') {
		throw new UsageError(`--scan takes a folder: bbtok-tui ${command} --scan DIR.`);
	}

	if (context.args.length > 0) {
		throw new UsageError(`${command} --scan DIR takes no PATH (it checks every clone under DIR).`, {
			hint: `Run bbtok-tui ${command} PATH for one clone, or ${command} --scan DIR for all.`,
		});
	}

	const endpoints = resolveEndpoints(context.flags, context.env);
	const home = context.env.HOME?.trim() || os.homedir();
	return {
		dir: path.resolve(context.cwd, scan),
		gitUrl: endpoints.gitUrl,
		apiUrl: endpoints.apiUrl,
		home,
		credentialFiles: credentialFilePaths({home, xdgConfigHome: context.env.XDG_CONFIG_HOME}),
	};
}
