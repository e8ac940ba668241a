/**
 * Step 4: clone options. Target folder (checked as typed: an existing non-empty folder is
 * refused), branch, full or shallow history, and how git should remember the token, with
 * the plain consequence of each choice underneath.
 */

import path from 'node:path';
import {Box, Text} from 'ink';
import {type ReactNode, useCallback, useState} from 'react';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {AuthMode} from '../../core/context.js';
import {type TargetStatus, targetUsable} from '../../use-cases/onboard/steps.js';
import {LineInput} from '../components/line-input/line-input.js';
import {marks, usePalette} from '../components/theme.js';
import {
	authModesFor,
	choicesOf,
	depthProblem,
	fieldsOf,
	type OptionsField,
	useOptionsForm,
} from './use-options-form.js';
import {useOptionsKeys} from './use-options-keys.js';
import {useTargetCheck} from './use-target-check.js';
import type {CloneChoices} from './wizard-state.js';

export type OptionsStepProps = {
	readonly repoRef: RepoRef;
	/** What the form starts with (flags, preferences, or the previous choices). */
	readonly initial: CloneChoices;
	/** Branch names, main branch first. */
	readonly branches: readonly string[];
	/** Relative targets start here. */
	readonly cwd: string;
	/** The credential helper `helper` mode would use (name), when one that is not plain text is configured. */
	readonly helper?: string;
	readonly onSubmit: (choices: CloneChoices) => void;
};

export function OptionsStep({repoRef, initial, branches, cwd, helper, onSubmit}: OptionsStepProps) {
	const palette = usePalette();
	const [form, dispatch, currentForm] = useOptionsForm(
		initial,
		branches,
		authModesFor(helper !== undefined),
	);
	const target = useTargetCheck(cwd, form.dir.trim() || '.');
	const [tried, setTried] = useState(false);
	const depthIssue = depthProblem(form);
	const dirEmpty = form.dir.trim() === '';
	const submit = useCallback(() => {
		setTried(true);
		const latest = currentForm();
		// The target check is for the folder of the last render; a folder typed since waits for it.
		const checked =
			target.kind !== 'checking' && target.path === path.resolve(cwd, latest.dir.trim());
		if (latest.dir.trim() !== '' && checked && targetUsable(target) && !depthProblem(latest)) {
			onSubmit(choicesOf(latest));
		}
	}, [currentForm, target, cwd, onSubmit]);
	useOptionsKeys({dispatch, onSubmit: submit});
	const fields = fieldsOf(form);
	const focused = (field: OptionsField) => form.focus === field;
	const onDir = useCallback((value: string) => dispatch({type: 'dir', value}), [dispatch]);
	const onDepth = useCallback((value: string) => dispatch({type: 'depth', value}), [dispatch]);

	return (
		<Box flexDirection="column" gap={1}>
			<Text>
				Clone <Text bold>{formatRepoRef(repoRef)}</Text>
			</Text>
			<Box flexDirection="column">
				<Row label="Directory" focused={focused('dir')}>
					<Indented>
						<LineInput isDisabled={!focused('dir')} defaultValue={form.dir} onChange={onDir} />
					</Indented>
				</Row>
				<Explanation>
					{dirEmpty ? (
						<Text color={palette.error}>{marks.failure} Type a folder for the clone.</Text>
					) : (
						<TargetLine status={target} />
					)}
				</Explanation>
				{fields.includes('branch') ? (
					<Row label="Branch" focused={focused('branch')}>
						<Choice
							value={form.branches[form.branchIndex] ?? ''}
							focused={focused('branch')}
							note={`${form.branchIndex + 1} of ${form.branches.length}`}
						/>
					</Row>
				) : (
					<Row label="Branch" focused={false}>
						<Indented>
							<Text>{form.branches[0] ?? 'the main branch'}</Text>
						</Indented>
					</Row>
				)}
				<Row label="History" focused={focused('history')}>
					<Choice
						value={form.shallow ? 'shallow' : 'full'}
						focused={focused('history')}
						note={form.shallow ? 'only the latest commits' : 'every commit'}
					/>
				</Row>
				{form.shallow ? (
					<>
						<Row label="Depth" focused={focused('depth')}>
							<Indented>
								<LineInput
									isDisabled={!focused('depth')}
									defaultValue={form.depthText}
									onChange={onDepth}
								/>
							</Indented>
						</Row>
						{depthIssue ? (
							<Explanation>
								<Text color={palette.error}>
									{marks.failure} {depthIssue}
								</Text>
							</Explanation>
						) : null}
					</>
				) : null}
				<Row label="Auth" focused={focused('auth')}>
					<Choice value={form.auth} focused={focused('auth')} note={authNote(form.auth, helper)} />
				</Row>
				<Explanation>
					{form.auth === 'helper' ? (
						<Text color={palette.muted}>
							Your credential helper {helper} keeps the token for this repository only; git pull and
							push ask nobody. Not in plain text.
						</Text>
					) : form.auth === 'prompt' ? (
						<Text color={palette.muted}>
							git asks for the token on pull and push; it is stored nowhere.
						</Text>
					) : (
						<Text color={palette.warning}>
							{marks.warning} The token will sit in .git/config as plain text: anyone who can read
							the folder can use it.
						</Text>
					)}
				</Explanation>
			</Box>
			{tried && !targetUsable(target) && !dirEmpty ? (
				<Text color={palette.error}>{marks.failure} Choose another directory to clone into.</Text>
			) : null}
		</Box>
	);
}

type RowProps = {readonly label: string; readonly focused: boolean; readonly children: ReactNode};

function Row({label, focused, children}: RowProps) {
	const palette = usePalette();
	return (
		<Box>
			<Text color={palette.accent}>{focused ? `${marks.cursor} ` : '  '}</Text>
			<Box width={11} flexShrink={0}>
				<Text bold={focused} color={focused ? palette.accent : undefined}>
					{label}
				</Text>
			</Box>
			{children}
		</Box>
	);
}

/** Text fields start where a choice's value does, after its `‹ `. */
function Indented({children}: {readonly children: ReactNode}) {
	return <Box paddingLeft={2}>{children}</Box>;
}

function Explanation({children}: {readonly children: ReactNode}) {
	return <Box paddingLeft={15}>{children}</Box>;
}

type ChoiceProps = {readonly value: string; readonly focused: boolean; readonly note?: string};

function Choice({value, focused, note}: ChoiceProps) {
	const palette = usePalette();
	return (
		<Text>
			<Text color={focused ? palette.accent : palette.muted}>{focused ? '‹ ' : '  '}</Text>
			<Text bold={focused}>{value}</Text>
			<Text color={focused ? palette.accent : palette.muted}>{focused ? ' ›' : '  '}</Text>
			{note ? <Text color={palette.muted}> {note}</Text> : null}
		</Text>
	);
}

function TargetLine({status}: {readonly status: TargetStatus}) {
	const palette = usePalette();
	switch (status.kind) {
		case 'checking':
			return <Text color={palette.muted}>…</Text>;
		case 'new':
			return <Text color={palette.muted}>→ {status.path} (new folder)</Text>;
		case 'empty':
			return <Text color={palette.muted}>→ {status.path} (empty folder)</Text>;
		case 'not-empty':
			return (
				<Text color={palette.error}>
					{marks.failure} {path.basename(status.path)} already exists and is not empty.
				</Text>
			);
		case 'not-a-directory':
			return (
				<Text color={palette.error}>
					{marks.failure} {path.basename(status.path)} exists and is not a folder.
				</Text>
			);
		case 'unreadable':
			return (
				<Text color={palette.error}>
					{marks.failure} {status.path} cannot be read.
				</Text>
			);
	}
}

function authNote(auth: AuthMode, helper: string | undefined): string {
	if (auth === 'helper') {
		return `recommended · kept by ${helper ?? 'your credential helper'}`;
	}

	return auth === 'prompt'
		? helper
			? 'stored nowhere'
			: 'recommended'
		: 'token stored in the clone';
}
