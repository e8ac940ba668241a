/**
 * Step 1: which repository. Accepts `workspace/repo` or any Bitbucket URL (a browser URL
 * or a clone URL pasted as is), says inline what it understood or why it cannot use the
 * text, and lists recent repositories above the input.
 */
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {formatRepoRef, parseRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import {messageOf} from '../../core/output.js';
import type {RecentRepository} from '../../settings/store.js';
import {type Suggestion, SuggestionInput} from '../components/suggestion-input/suggestion-input.js';
import {marks, usePalette} from '../components/theme.js';

export type RepositoryStepProps = {
	/** Recent repositories from the settings, newest first. */
	readonly recent: readonly RecentRepository[];
	/** The text typed last time, when the user comes back to this step. */
	readonly defaultValue: string;
	/** The configured git URL: URLs on its host are understood too. */
	readonly gitUrl: string;
	/** Shortens clone folders under it in the recent list. */
	readonly home?: string;
	readonly onSubmit: (ref: RepoRef, input: string) => void;
};

type Reading = {ref?: RepoRef; problem?: string};

function read(input: string, gitUrl: string): Reading {
	if (input.trim() === '') {
		return {};
	}

	try {
		return {ref: parseRepoRef(input, {gitUrl})};
	} catch (error) {
		return {problem: messageOf(error)};
	}
}

export function RepositoryStep({
	recent,
	defaultValue,
	gitUrl,
	home,
	onSubmit,
}: RepositoryStepProps) {
	const palette = usePalette();
	const [reading, setReading] = useState<Reading>(() => read(defaultValue, gitUrl));
	const [submittedEmpty, setSubmittedEmpty] = useState(false);
	const onChange = useCallback(
		(value: string) => {
			setSubmittedEmpty(false);
			setReading(read(value, gitUrl));
		},
		[gitUrl],
	);
	const submit = useCallback(
		(value: string) => {
			const result = read(value, gitUrl);
			setReading(result);
			setSubmittedEmpty(value.trim() === '');
			if (result.ref) {
				onSubmit(result.ref, value.trim());
			}
		},
		[gitUrl, onSubmit],
	);
	const suggestions: Suggestion[] = recent.map((entry) => ({
		value: `${entry.workspace}/${entry.repo}`,
		...(entry.dir ? {description: shorten(entry.dir, home)} : {}),
	}));

	return (
		<Box flexDirection="column" gap={1}>
			<Text>
				Which repository?{' '}
				<Text color={palette.muted}>workspace/repo, or paste its Bitbucket URL</Text>
			</Text>
			<SuggestionInput
				suggestions={suggestions}
				title="Recent repositories (↑ to pick)"
				defaultValue={defaultValue}
				placeholder="workspace/repo or URL"
				onChange={onChange}
				onSubmit={submit}
			/>
			{reading.ref ? (
				<Text color={palette.success}>
					{marks.success} {formatRepoRef(reading.ref)}
				</Text>
			) : reading.problem ? (
				<Text color={palette.warning}>
					{marks.warning} {reading.problem}
				</Text>
			) : submittedEmpty ? (
				<Text color={palette.warning}>
					{marks.warning} Type workspace/repo, or pick a recent repository with ↑.
				</Text>
			) : null}
		</Box>
	);
}

function shorten(dir: string, home: string | undefined): string {
	return home && (dir === home || dir.startsWith(`${home}/`)) ? `~${dir.slice(home.length)}` : dir;
}
