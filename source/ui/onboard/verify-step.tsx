/**
 * Step 3: the token against the repository. A spinner while the API and the git server
 * answer, then the repository as the API reports it and whether the token can push; or
 * the failure with its next step.
 */
import {Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {grantLines} from '../../bitbucket/grant.js';
import {formatRepoRef, type RepoRef} from '../../bitbucket/repo-ref.js';
import type {Repository} from '../../bitbucket/types.js';
import {redact} from '../../core/redaction.js';
import {printable} from '../../core/terminal-text.js';
import {formatBytes} from '../../use-cases/onboard/progress-lines.js';
import type {Verified} from '../../use-cases/verify.js';
import {type DetailRow, Details} from '../components/details.js';
import {ErrorPanel} from '../components/error-panel.js';
import {marks, usePalette} from '../components/theme.js';
import type {Task} from './wizard-state.js';

export type VerifyStepProps = {
	readonly repoRef: RepoRef;
	readonly verification: Task<Verified>;
};

export function VerifyStep({repoRef, verification}: VerifyStepProps) {
	const palette = usePalette();
	const name = formatRepoRef(repoRef);
	if (verification.status === 'running') {
		return <Spinner label={`Checking the token against ${name}…`} />;
	}

	if (verification.status === 'failed') {
		return (
			<Box flexDirection="column" gap={1}>
				<ErrorPanel message={verification.failure.message} hint={verification.failure.hint} />
				<Text color={palette.muted}>
					Esc goes back to the token; q quits with exit code {verification.failure.exitCode}.
				</Text>
			</Box>
		);
	}

	const {repository, canPush, grant} = verification.value;
	const [scopes, ...scopeNotes] = grant ? grantLines(grant, {push: true}) : [];
	return (
		<Box flexDirection="column" gap={1}>
			<Text color={palette.success}>
				{marks.success} The token reaches {name}.
			</Text>
			<Details
				rows={[
					...repositoryRows(repository, name),
					...(scopes ? [{label: 'Scopes', value: shown(scopes.replace(/^Scopes: /, ''))}] : []),
				]}
			/>
			{canPush ? (
				<Text color={palette.success}>{marks.success} It can push (repository:write).</Text>
			) : (
				<Text color={palette.warning}>
					{marks.warning} It cannot push: the token lacks repository:write. You can clone and pull;
					create a token with repository:write to push.
				</Text>
			)}
			{scopeNotes
				.filter((note) => note.startsWith('warning: '))
				.map((note) => (
					<Text key={note} color={palette.warning}>
						{marks.warning} {shown(note.replace(/^warning: /, ''))}
					</Text>
				))}
		</Box>
	);
}

function repositoryRows(repository: Repository, fallbackName: string): DetailRow[] {
	const rows: DetailRow[] = [
		{label: 'Repository', value: shown(repository.full_name ?? fallbackName)},
	];
	if (repository.is_private !== undefined) {
		rows.push({label: 'Visibility', value: repository.is_private ? 'private' : 'public'});
	}

	if (repository.mainbranch?.name) {
		rows.push({label: 'Main branch', value: shown(repository.mainbranch.name)});
	}

	if (repository.size !== undefined) {
		rows.push({label: 'Size', value: formatBytes(repository.size)});
	}

	const project = repository.project;
	if (project?.name || project?.key) {
		const label =
			project.name && project.key
				? `${project.name} (${project.key})`
				: (project.name ?? project.key);
		rows.push({label: 'Project', value: shown(label ?? '')});
	}

	return rows;
}

/** API text is outside data: no control characters (terminal escapes), no secrets. */
function shown(text: string): string {
	return redact(printable(text));
}
