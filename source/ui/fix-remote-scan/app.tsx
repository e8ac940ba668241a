/**
 * The interactive fix-remote --scan: a token (unless BITBUCKET_ACCESS_TOKEN gave one), the
 * check of every repository, the ticked list of changes, then the results. State and effects
 * live in useScanFix, keys in scanFixKeys (the handler and these hints); this only renders.
 */
import {Spinner} from '@inkjs/ui';
import {Box, Text, useApp} from 'ink';
import {useEffect} from 'react';
import type {ExitCode} from '../../core/errors.js';
import {describeError} from '../../core/output.js';
import {printable} from '../../core/terminal-text.js';
import {resultLine} from '../../use-cases/fix-remote-scan/report.js';
import {checkedToken} from '../../use-cases/token-source.js';
import {Header} from '../components/header.js';
import {KeyHints} from '../components/key-hints.js';
import {hintsOf} from '../components/key-table.js';
import {Notice} from '../components/notice.js';
import {SecretInput} from '../components/secret-input/secret-input.js';
import {useTerminalSize} from '../components/use-terminal-size.js';
import {ChangeList, listChrome} from './change-list.js';
import {scanFixKeys} from './scan-fix-keys.js';
import {type UseScanFixOptions, useScanFix} from './use-scan-fix.js';

export type ScanFixAppProps = UseScanFixOptions & {
	readonly onExit: (exitCode: ExitCode) => void;
};

export function ScanFixApp({onExit, ...options}: ScanFixAppProps) {
	const {exit} = useApp();
	const {state, actions, submitToken, refuseToken} = useScanFix(options);
	const {columns, rows} = useTerminalSize();
	const width = Math.max(20, columns - 1);
	useEffect(() => {
		if (state.exitCode !== undefined) {
			onExit(state.exitCode);
			exit();
		}
	}, [state.exitCode, onExit, exit]);

	const {plan} = state;
	const hints = hintsOf(scanFixKeys[state.phase], {actions, empty: plan?.changes.length === 0});
	return (
		<Box flexDirection="column" width={width}>
			<Header title="fix-remote --scan" width={width} detail={printable(options.request.dir)} />
			<Box marginTop={1} flexDirection="column">
				{state.phase === 'token' ? (
					<Box flexDirection="column" gap={1}>
						<Text>
							One access token for every clone under this folder that it reaches: a project or
							workspace token reaches many repositories, a repository token one.
						</Text>
						{state.tokenError ? <Notice kind="warning">{state.tokenError}</Notice> : null}
						<Box>
							<Text>Access token: </Text>
							<SecretInput
								placeholder="paste it here"
								onSubmit={(value) => {
									try {
										submitToken(checkedToken(value));
									} catch (error) {
										refuseToken(describeError(error).message);
									}
								}}
							/>
						</Box>
					</Box>
				) : null}
				{state.phase === 'checking' ? (
					<Spinner
						label={`Scanning and checking each repository with the token… ${state.checked.total > 0 ? `${state.checked.done}/${state.checked.total}` : ''}`}
					/>
				) : null}
				{state.phase === 'choose' && plan ? (
					plan.changes.length === 0 ? (
						<Text>No clone under this folder can be moved onto this token. Press Esc.</Text>
					) : (
						<ChangeList
							plan={plan}
							selected={state.selected}
							cursor={state.cursor}
							height={rows - 6 - listChrome(plan, state.cursor)}
						/>
					)
				) : null}
				{state.phase === 'applying' ? (
					<Box flexDirection="column">
						<Spinner label={`Applying ${state.results.length}/${state.selected.size}…`} />
					</Box>
				) : null}
				{state.phase === 'applying' || state.phase === 'done'
					? state.results.slice(-Math.max(1, rows - 8)).map((result) => (
							<Text key={result.path} wrap="truncate-end">
								{plan ? resultLine(plan, result) : result.path}
							</Text>
						))
					: null}
				{state.phase === 'done'
					? state.lines.map((line) => (
							<Text key={line} wrap="wrap">
								{line}
							</Text>
						))
					: null}
			</Box>
			{hints.length > 0 ? (
				<Box marginTop={1}>
					<KeyHints hints={hints} />
				</Box>
			) : null}
		</Box>
	);
}
