/**
 * The field for a token's bot email, shared by the wizard and fix-remote: suggestions above
 * it (remembered for the repository, seen in its commits), a bare bot id completed as it is
 * typed (`→ user.email …`), and a refusal in place of anything that is neither an email nor
 * a bot id. Enter on an empty field either keeps the current user.email (`keep`) or is
 * refused, since commits pushed with the token need its bot's address.
 */
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {redact} from '../../core/redaction.js';
import {nonBotEmailWarning, normalizeBotEmail} from '../../use-cases/bot-email.js';
import {ErrorPanel, type ErrorPanelProps} from './error-panel.js';
import {type Suggestion, SuggestionInput} from './suggestion-input/suggestion-input.js';
import {marks, usePalette} from './theme.js';

export type BotEmailInputProps = {
	/** Best first. */
	readonly suggestions?: readonly Suggestion[];
	/** Prefilled text, e.g. from --bot-email. */
	readonly defaultEmail?: string | undefined;
	/** Enter on an empty field leaves user.email as it is (shown as `current`) and calls onKeep. */
	readonly keep?: {readonly current: string | undefined; readonly onKeep: () => void};
	readonly onEmail: (email: string) => void;
};

const idHint = 'Type the bot email (…@bots.bitbucket.org) or just the bot id.';

/** What the field would set, as it is typed, or why it would not. */
type Reading = {readonly email?: string; readonly warning?: string; readonly problem?: string};

function readingOf(value: string): Reading {
	if (value.trim() === '') {
		return {};
	}

	try {
		const email = normalizeBotEmail(value);
		const warning = nonBotEmailWarning(email);
		return warning === undefined ? {email} : {email, warning};
	} catch {
		return {problem: idHint};
	}
}

export function BotEmailInput({
	suggestions = [],
	defaultEmail = '',
	keep,
	onEmail,
}: BotEmailInputProps) {
	const palette = usePalette();
	const [reading, setReading] = useState(() => readingOf(defaultEmail));
	const [refusal, setRefusal] = useState<ErrorPanelProps | undefined>();
	const onChange = useCallback((value: string) => {
		setRefusal(undefined);
		setReading(readingOf(value));
	}, []);
	const onSubmit = useCallback(
		(value: string) => {
			const text = value.trim();
			if (text === '' && keep) {
				keep.onKeep();
				return;
			}

			try {
				onEmail(normalizeBotEmail(text));
			} catch {
				setRefusal(
					text === ''
						? {message: 'The bot email is needed to author commits.', hint: idHint}
						: {
								message: `${JSON.stringify(redact(text).slice(0, 80))} is neither an email nor a bot id.`,
								hint: idHint,
							},
				);
			}
		},
		[keep, onEmail],
	);
	return (
		<Box flexDirection="column">
			<SuggestionInput
				suggestions={suggestions}
				title="Suggestions (↑ to pick)"
				defaultValue={defaultEmail}
				placeholder="{botid}@bots.bitbucket.org or the bot id"
				onChange={onChange}
				onSubmit={onSubmit}
			/>
			{refusal ? (
				<ErrorPanel {...refusal} />
			) : reading.email ? (
				<Box flexDirection="column">
					<Text color={palette.muted}>→ user.email {reading.email}</Text>
					{reading.warning ? (
						<Text color={palette.warning}>
							{marks.warning} {reading.warning}
						</Text>
					) : null}
				</Box>
			) : reading.problem ? (
				<Text color={palette.warning}>
					{marks.warning} {reading.problem}
				</Text>
			) : keep ? (
				<Text color={palette.muted}>
					Enter on an empty field keeps user.email ({keep.current ?? 'not set'}).
				</Text>
			) : null}
		</Box>
	);
}
