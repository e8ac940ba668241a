/**
 * The `.git/config` native `git clone` writes. isomorphic-git writes its own (filemode
 * false and ignorecase true whatever the filesystem, a stray blank line, no final newline);
 * a clone handed to git users should be byte for byte what git itself would have made.
 */
import {encodeValue, formatHeader} from './config-file.js';

/** What native `git init` probes on the filesystem that holds the repository. */
export type FilesystemTraits = {filemode: boolean; symlinks: boolean; ignorecase: boolean};

export type CloneConfig = {
	filesystem: FilesystemTraits;
	remoteUrl: string;
	/** The checked-out branch, tracked from origin. */
	branch: string;
	/** Shallow clones, like `git clone --depth`, fetch only their branch. */
	singleBranch: boolean;
};

export function nativeCloneConfig(config: CloneConfig): string {
	const {filesystem, remoteUrl, branch, singleBranch} = config;
	const fetched = singleBranch ? branch : '*';
	const sections: Array<[string, Array<[string, string]>]> = [
		[
			formatHeader({section: 'core'}),
			[
				['repositoryformatversion', '0'],
				['filemode', String(filesystem.filemode)],
				['bare', 'false'],
				['logallrefupdates', 'true'],
				// git writes these two only when they differ from its defaults (true, false).
				...(filesystem.symlinks ? [] : [['symlinks', 'false'] as [string, string]]),
				...(filesystem.ignorecase ? [['ignorecase', 'true'] as [string, string]] : []),
			],
		],
		[
			formatHeader({section: 'remote', subsection: 'origin'}),
			[
				['url', remoteUrl],
				['fetch', `+refs/heads/${fetched}:refs/remotes/origin/${fetched}`],
			],
		],
		[
			formatHeader({section: 'branch', subsection: branch}),
			[
				['remote', 'origin'],
				['merge', `refs/heads/${branch}`],
			],
		],
	];
	return sections
		.map(
			([header, entries]) =>
				`${header}\n${entries.map(([key, value]) => `\t${key} = ${encodeValue(value)}\n`).join('')}`,
		)
		.join('');
}
