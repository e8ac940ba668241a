/**
 * A one-line text input: the value with an inverse cursor, or a dimmed placeholder. Used
 * instead of @inkjs/ui's TextInput, which loses text typed just before Enter when both
 * arrive together (see use-line-input-state.ts).
 */
import {Text} from 'ink';
import {usePalette} from '../theme.js';
import {useLineInput} from './use-line-input.js';
import {type LineInputValue, useLineInputState} from './use-line-input-state.js';

export type LineInputProps = {
	readonly defaultValue?: string;
	/** Shown while the value is empty. */
	readonly placeholder?: string;
	/** When disabled, keys are ignored and no cursor is drawn. @default false */
	readonly isDisabled?: boolean;
	readonly onChange?: (value: string) => void;
	/** Called with the value on Enter; leave out when the screen handles Enter. */
	readonly onSubmit?: (value: string) => void;
};

export function LineInput({
	defaultValue,
	placeholder,
	isDisabled = false,
	onChange,
	onSubmit,
}: LineInputProps) {
	const state = useLineInputState({defaultValue, onChange});
	useLineInput({state, onSubmit, isDisabled});
	return <LineInputView state={state} placeholder={placeholder} isDisabled={isDisabled} />;
}

export type LineInputViewProps = {
	readonly state: LineInputValue;
	readonly placeholder?: string;
	/** @default false */
	readonly isDisabled?: boolean;
};

/** The drawing alone, for inputs that compose the state and key hooks themselves. */
export function LineInputView({state, placeholder = '', isDisabled = false}: LineInputViewProps) {
	const palette = usePalette();
	const {value, cursor} = state;
	if (value === '') {
		return (
			<Text>
				{isDisabled ? null : <Text inverse>{placeholder.slice(0, 1) || ' '}</Text>}
				<Text color={palette.muted} dimColor>
					{isDisabled ? placeholder : placeholder.slice(1)}
				</Text>
			</Text>
		);
	}

	if (isDisabled) {
		return <Text>{value}</Text>;
	}

	return (
		<Text>
			{value.slice(0, cursor)}
			<Text inverse>{value.slice(cursor, cursor + 1) || ' '}</Text>
			{value.slice(cursor + 1)}
		</Text>
	);
}
