/**
 * A text input with a short list of suggestions above it (recent repositories, known
 * emails). ↑ highlights the best suggestion first; Enter submits the highlighted one or,
 * when none is, the typed text.
 */
import {Box, Text} from 'ink';
import {LineInputView} from '../line-input/line-input.js';
import {useLineInput} from '../line-input/use-line-input.js';
import {useLineInputState} from '../line-input/use-line-input-state.js';
import {marks, usePalette} from '../theme.js';
import {useSuggestionInput} from './use-suggestion-input.js';
import {useSuggestionInputState} from './use-suggestion-input-state.js';

export type Suggestion = {
	readonly value: string;
	/** Shown instead of the value. @default value */
	readonly label?: string;
	/** Dimmed text after the label. */
	readonly description?: string;
};

export type SuggestionInputProps = {
	/** Best first. Only the first `maxVisible` are listed. */
	readonly suggestions: readonly Suggestion[];
	/** Line above the list, e.g. `Recent repositories`. */
	readonly title?: string;
	/** @default 5 */
	readonly maxVisible?: number;
	readonly defaultValue?: string;
	readonly placeholder?: string;
	/** When disabled, keys are ignored. @default false */
	readonly isDisabled?: boolean;
	/** Called with the typed text after each change. */
	readonly onChange?: (value: string) => void;
	/** Called with the highlighted suggestion's value, or the typed text, on Enter. */
	readonly onSubmit: (value: string) => void;
};

export function SuggestionInput({
	suggestions,
	title,
	maxVisible = 5,
	defaultValue,
	placeholder,
	isDisabled = false,
	onChange,
	onSubmit,
}: SuggestionInputProps) {
	const palette = usePalette();
	const visible = suggestions.slice(0, maxVisible);
	const state = useSuggestionInputState(visible.length);
	const input = useLineInputState({defaultValue, onChange});
	const inputFocused = state.highlighted === undefined;
	// Enter is handled once, below: the highlighted suggestion, else the typed text.
	useLineInput({state: input, isDisabled: isDisabled || !inputFocused});
	useSuggestionInput({
		state,
		values: visible.map((suggestion) => suggestion.value),
		typed: input.current,
		onSubmit,
		isDisabled,
	});
	// The best suggestion is drawn last, next to the input, where ↑ reaches it first.
	const rows = visible.map((suggestion, index) => ({suggestion, index})).reverse();
	return (
		<Box flexDirection="column">
			{visible.length > 0 && title ? <Text color={palette.muted}>{title}</Text> : null}
			{rows.map(({suggestion, index}) => {
				const highlighted = index === state.highlighted;
				return (
					<Text key={suggestion.value} wrap="truncate-end">
						<Text color={palette.accent}>{highlighted ? `${marks.cursor} ` : '  '}</Text>
						<Text bold={highlighted} color={highlighted ? palette.accent : undefined}>
							{suggestion.label ?? suggestion.value}
						</Text>
						{suggestion.description ? (
							<Text color={palette.muted}> {suggestion.description}</Text>
						) : null}
					</Text>
				);
			})}
			<Box>
				<Text color={palette.accent}>{inputFocused ? `${marks.cursor} ` : '  '}</Text>
				<LineInputView
					state={input}
					isDisabled={isDisabled || !inputFocused}
					{...(placeholder === undefined ? {} : {placeholder})}
				/>
			</Box>
		</Box>
	);
}
