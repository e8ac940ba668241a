/**
 * The lines around the list: the header (repository, branch, key hint), the filter line,
 * a notice line (copied, opened, a failure to load more) and the footer with the position,
 * how much is loaded, whether more exists, and rate-limit warnings.
 */
import {Box, Text} from 'ink';
import {StyledLine} from '../components/styled-line.js';
import {filterScreen, hintLine} from './key-table.js';
import {formatCount, headerLine, positionText} from './screen-lines.js';
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
		<Box width={width} height={1}>
			<StyledLine line={headerLine(title, branch, width, hint, theme)} />
		</Box>
	);
}

const editingHint = hintLine(filterScreen, {parents: 0, depth: 0}, ' · ');

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
				<Text color={theme.muted}>{editing ? `   ${editingHint}` : '   / edit · Esc clear'}</Text>
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
	/** Commits among those loaded whose build failed (as far as their statuses are known). */
	readonly failing: number;
	/** Why build statuses are no longer asked for, if so. */
	readonly statusesPaused: 'near-limit' | 'budget' | undefined;
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
				{props.failing > 0 ? (
					<Text color={theme.error}>
						✗ {formatCount(props.failing)} failing
						{props.waitSeconds === undefined &&
						!props.nearLimit &&
						props.statusesPaused === undefined
							? ''
							: '  '}
					</Text>
				) : null}
				{props.waitSeconds === undefined ? null : (
					<Text color={theme.warning}>
						⚠ rate limited by Bitbucket: resuming in {props.waitSeconds} s
					</Text>
				)}
				{props.waitSeconds === undefined &&
				(props.nearLimit || props.statusesPaused !== undefined) ? (
					<Text color={theme.warning}>{limitText(props)}</Text>
				) : null}
			</Box>
		</Box>
	);
}

function limitText(props: FooterProps): string {
	if (props.statusesPaused === 'budget') {
		return '⚠ build statuses paused: this session used its request budget';
	}

	return props.statusesPaused === 'near-limit'
		? '⚠ API rate limit nearly used up: build statuses paused'
		: '⚠ API rate limit nearly used up';
}
