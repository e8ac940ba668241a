/**
 * Step 6: the token's bot email, which commits pushed with the token must carry. The API
 * cannot tell it, so the screen says where Bitbucket shows it, suggests bot emails seen in
 * the repository's commits and the one remembered for it, accepts a bare bot id, then asks
 * for an optional name. Both go into the clone's local git config.
 */
import {Spinner} from '@inkjs/ui';
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import type {RepoRef} from '../../bitbucket/repo-ref.js';
import {accessTokensPage} from '../../bitbucket/web-pages.js';
import {BotEmailInput} from '../components/bot-email-input.js';
import {ErrorPanel} from '../components/error-panel.js';
import {LineInput} from '../components/line-input/line-input.js';
import {Notice} from '../components/notice.js';
import type {Suggestion} from '../components/suggestion-input/suggestion-input.js';
import {marks, usePalette} from '../components/theme.js';
import type {Failure} from './wizard-state.js';

export type BotStepProps = {
	readonly repoRef: RepoRef;
	/** Bitbucket's web base (the git base), where the access-tokens page is. */
	readonly webUrl?: string;
	/** One line about the finished clone. */
	readonly cloned: string;
	/** Best first: remembered for this repository, then seen in recent commits. */
	readonly suggestions: readonly Suggestion[];
	/** Prefilled text, e.g. from --bot-email. */
	readonly defaultEmail?: string;
	/** `bbtok-tui demo`: the sandbox token's bot email (the sandbox has no web page). */
	readonly demoBotEmail?: string;
	/** Set once the email is chosen: the name is asked next. */
	readonly email?: string;
	/** Writing the identity. */
	readonly saving: boolean;
	readonly failure?: Failure;
	readonly onEmail: (email: string) => void;
	readonly onName: (name: string | undefined) => void;
};

export function BotStep(props: BotStepProps) {
	const {repoRef, webUrl, cloned, suggestions, defaultEmail, demoBotEmail, email, saving, failure} =
		props;
	const palette = usePalette();
	return (
		<Box flexDirection="column" gap={1}>
			<Text color={palette.success}>
				{marks.success} {cloned}
			</Text>
			<Box flexDirection="column">
				<Text>
					{
						'Commits pushed with this token must be authored by its bot, {botid}@bots.bitbucket.org.'
					}
				</Text>
				<Text color={palette.muted}>
					Bitbucket lists it with the token (Repository settings → Access tokens):
				</Text>
				<Text color={palette.muted}>{accessTokensPage(repoRef, webUrl)}</Text>
			</Box>
			{demoBotEmail ? (
				<Notice>{`Demo: the sandbox token's bot email is ${demoBotEmail}`}</Notice>
			) : null}
			{failure ? (
				<Box flexDirection="column" gap={1}>
					<ErrorPanel message={failure.message} hint={failure.hint} />
					<Text color={palette.muted}>
						Esc tries again; q quits with exit code {failure.exitCode}.
					</Text>
				</Box>
			) : saving ? (
				<Spinner label="Writing the commit identity into the clone…" />
			) : email === undefined ? (
				<BotEmailInput
					suggestions={suggestions}
					defaultEmail={defaultEmail}
					onEmail={props.onEmail}
				/>
			) : (
				<NameInput email={email} onName={props.onName} />
			)}
		</Box>
	);
}

function NameInput({email, onName}: Pick<BotStepProps, 'onName'> & {readonly email: string}) {
	const palette = usePalette();
	const [problem, setProblem] = useState<string | undefined>();
	const submit = useCallback(
		(value: string) => {
			// A name spanning lines would corrupt the git config; the identity service refuses it too.
			// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
			if (/[\u0000-\u001F\u007F]/.test(value)) {
				setProblem('The name must be a single line.');
				return;
			}

			onName(value.trim() === '' ? undefined : value.trim());
		},
		[onName],
	);
	return (
		<Box flexDirection="column">
			<Text>
				<Text color={palette.muted}>Bot email </Text>
				{email}
			</Text>
			<Box>
				<Text color={palette.muted}>Name (optional, Enter to skip) </Text>
				<Text color={palette.accent}>{marks.cursor} </Text>
				<LineInput placeholder="e.g. Widget CI bot" onSubmit={submit} />
			</Box>
			{problem ? (
				<Text color={palette.error}>
					{marks.failure} {problem}
				</Text>
			) : null}
		</Box>
	);
}
