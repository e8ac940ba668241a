/** The `b` screen: every branch, narrowed as you type, the current one marked. */
import {Box, Text} from 'ink';
import type {Branch} from '../../bitbucket/types.js';
import {printable} from '../../core/terminal-text.js';
import {cursorMark, useBrowserTheme} from './theme.js';

export type BranchPickerProps = {
	/** Already narrowed by `query`. */
	readonly names: readonly string[];
	readonly loading: boolean;
	readonly error: string | undefined;
	readonly query: string;
	readonly cursor: number;
	readonly current: string | undefined;
	readonly height: number;
	readonly width: number;
};

/** Branch names containing `query` (any case), in the API's order. */
export function branchNames(branches: readonly Branch[] | undefined, query: string): string[] {
	const needle = query.toLowerCase();
	return (branches ?? []).flatMap(({name = ''}) =>
		name !== '' && name.toLowerCase().includes(needle) ? [name] : [],
	);
}

export function BranchPicker(props: BranchPickerProps) {
	const theme = useBrowserTheme();
	const rows = Math.max(1, props.height - 2);
	const offset = Math.max(0, Math.min(props.cursor - rows + 1, props.names.length - rows));
	const shown = props.names.slice(Math.max(0, offset), Math.max(0, offset) + rows);
	return (
		<Box flexDirection="column" width={props.width} height={props.height}>
			<Text wrap="truncate-end">
				<Text bold>Branch </Text>
				<Text color={theme.key}>›</Text> {props.query}
				<Text inverse> </Text>
				<Text color={theme.muted}> type to narrow · ↑↓ · Enter switch · Esc cancel</Text>
			</Text>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{props.error !== undefined ? (
					<Text color={theme.error}>Could not list branches: {props.error}</Text>
				) : props.loading ? (
					<Text color={theme.muted}>loading branches…</Text>
				) : props.names.length === 0 ? (
					<Text color={theme.muted}>No branch matches.</Text>
				) : (
					shown.map((name, index) => {
						const selected = Math.max(0, offset) + index === props.cursor;
						return (
							<Box
								key={name}
								backgroundColor={selected ? theme.selected.backgroundColor : undefined}
							>
								<Text
									wrap="truncate-end"
									bold={selected}
									inverse={selected && theme.selected.inverse}
								>
									{selected ? cursorMark : ' '} {name === props.current ? '*' : ' '}{' '}
									<Text color={name === props.current ? theme.currentRef : undefined}>
										{printable(name)}
									</Text>
								</Text>
							</Box>
						);
					})
				)}
			</Box>
			<Text color={theme.muted}>
				{props.names.length} branch{props.names.length === 1 ? '' : 'es'}
			</Text>
		</Box>
	);
}
