/** Asks which remote to fix when several name a Bitbucket repository and none is `origin`. */
import {Select} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {formatRepoRef} from '../../bitbucket/repo-ref.js';
import {redact} from '../../bitbucket/token.js';
import type {BitbucketRemote} from '../../fix-remote/remote-choice.js';

export type RemoteStepProps = {
	readonly candidates: readonly BitbucketRemote[];
	readonly onChoose: (chosen: BitbucketRemote) => void;
};

export function RemoteStep({candidates, onChoose}: RemoteStepProps) {
	const options = candidates.map((candidate) => ({
		label: `${candidate.remote.name}  ${formatRepoRef(candidate.ref)}  ${redact(candidate.remote.url)}`,
		value: candidate.remote.name,
	}));
	return (
		<Box flexDirection="column">
			<Text bold>Several remotes point at Bitbucket. Which one should use the token?</Text>
			<Select
				options={options}
				onChange={(name) => {
					const chosen = candidates.find((candidate) => candidate.remote.name === name);
					if (chosen) {
						onChoose(chosen);
					}
				}}
			/>
		</Box>
	);
}
