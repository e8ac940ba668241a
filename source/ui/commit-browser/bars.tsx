/**
 * The lines around the list: the header (repository, branch, key hint), the filter line,
 * a notice line (copied, opened, a failure to load more) and the footer with the position,
 * how much is loaded, whether more exists, and rate-limit warnings.
 */
import {Box, Text} from 'ink';
import {printable} from '../../core/terminal-text.js';
import {useBrowserTheme} from './theme.js';
import type {Notice} from './use-browser-state.js';

export function Header({
	title,
	branch,
	width,
	hint = '? keys  q quit',
}: {
	readonly title: string;
	readonly branch: string | undefined;
	readonly width: number;
	readonly hint?: string;
}) {
	const theme = useBrowserTheme();
	return (
		<Box width={width} height={1} justifyContent="space-between">
			<Text wrap="truncate-end">
				<Text bold>{printable(title)}</Text>
				{branch === undefined ? null : (
					<Text>
						{'  '}
						<Text color={theme.ref} bold>
							{printable(branch)}
						</Text>
					</Text>
				)}
			</Text>
			<Box flexShrink={0} paddingLeft={2}>
				<Text color={theme.muted}>{hint}</Text>
			</Box>
		</Box>
	);
}

export function FilterLine({
	text,
	editing,
	width,
}: {
	readonly text: string;
	readonly editing: boolean;
	readonly width: number;
}) {
	const theme = useBrowserTheme();
	return (
		<Box width={width} height={1}>
			<Text wrap="truncate-start">
				<Text color={theme.key}>/</Text>
				{text}
				{editing ? <Text inverse> </Text> : null}
				<Text color={theme.muted}>
					{editing ? '   Enter keep · Esc clear' : '   / edit · Esc clear'}
				</Text>
			</Text>
		</Box>
	);
}

export function NoticeLine({notice, width}: {readonly notice: Notice; readonly width: number}) {
	const theme = useBrowserTheme();
	return (
		<Box width={width}>
			<Text wrap="wrap" color={notice.tone === 'warning' ? theme.warning : undefined}>
				{notice.text}
			</Text>
		</Box>
	);
}

export type FooterProps = {
	readonly width: number;
	/** 1-based; 0 when the list is empty. */
	readonly position: number;
	readonly count: number;
	readonly loaded: number;
	readonly hasMore: boolean;
	readonly loading: 'first' | 'more' | 'all' | undefined;
	readonly filtered: boolean;
	readonly nearLimit: boolean;
	/** Seconds left of a 429 wait. */
	readonly waitSeconds: number | undefined;
};

export function Footer(props: FooterProps) {
	const theme = useBrowserTheme();
	return (
		<Box width={props.width} height={1} justifyContent="space-between">
			<Text wrap="truncate-end">{positionText(props)}</Text>
			<Box flexShrink={0} paddingLeft={2}>
				{props.waitSeconds === undefined ? null : (
					<Text color={theme.warning}>
						⚠ rate limited by Bitbucket: resuming in {props.waitSeconds} s
					</Text>
				)}
				{props.waitSeconds === undefined && props.nearLimit ? (
					<Text color={theme.warning}>⚠ API rate limit nearly used up</Text>
				) : null}
			</Box>
		</Box>
	);
}

const number = new Intl.NumberFormat('en-US');

/** `12/300 · more below`, `3/12 matches in 300 loaded`, `loading all… 3,400 loaded`. */
export function positionText(
	props: Omit<FooterProps, 'width' | 'nearLimit' | 'waitSeconds'>,
): string {
	const loaded = number.format(props.loaded);
	if (props.loading === 'first') {
		return 'loading commits…';
	}

	if (props.loading === 'all') {
		return `loading all… ${loaded} loaded`;
	}

	const where = props.filtered
		? `${number.format(props.position)}/${number.format(props.count)} matches in ${loaded} loaded`
		: `${number.format(props.position)}/${loaded}`;
	const more =
		props.loading === 'more'
			? 'loading more…'
			: props.hasMore
				? 'more on scroll · G all'
				: 'all loaded';
	return `${where} · ${more}`;
}
