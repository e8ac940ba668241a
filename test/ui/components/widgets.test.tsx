import chalk from 'chalk';
import {Text} from 'ink';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {BotEmailInput} from '../../../source/ui/components/bot-email-input.js';
import {ErrorPanel} from '../../../source/ui/components/error-panel.js';
import {formatElapsed, percentOf} from '../../../source/ui/components/format.js';
import {Header} from '../../../source/ui/components/header.js';
import {KeyHints} from '../../../source/ui/components/key-hints.js';
import {SecretInput} from '../../../source/ui/components/secret-input/secret-input.js';
import {SuggestionInput} from '../../../source/ui/components/suggestion-input/suggestion-input.js';
import {colorsEnabled, UiTheme} from '../../../source/ui/components/theme.js';
import {TransferProgress} from '../../../source/ui/components/transfer-progress.js';
import {useTerminalSize} from '../../../source/ui/components/use-terminal-size.js';
import {keys, renderInk} from '../../helpers/render.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour codes is the point
const ansiColour = /\u001B\[3\dm/;

function Size() {
	const {columns, rows} = useTerminalSize();
	return <Text>{`${columns}x${rows}`}</Text>;
}

describe('theme', () => {
	const level = chalk.level;
	afterEach(() => {
		chalk.level = level;
	});

	test('NO_COLOR (set and not empty) turns colours off', () => {
		expect(colorsEnabled({})).toBe(true);
		expect(colorsEnabled({NO_COLOR: ''})).toBe(true);
		expect(colorsEnabled({NO_COLOR: '1'})).toBe(false);
	});

	test('widgets draw colours only when the theme allows them', async () => {
		// The tests run with FORCE_COLOR=0; give chalk colours so their absence means something.
		chalk.level = 1;
		const tree = (color: boolean) => (
			<UiTheme color={color}>
				<Header step={2} total={7} title="Token" width={40} />
				<ErrorPanel message="Failed." hint="Try again." />
				<TransferProgress phase="Receiving objects" loaded={1} total={2} bytes={10} elapsedMs={1} />
			</UiTheme>
		);
		const coloured = await renderInk(tree(true));
		expect(coloured.lastFrame()).toMatch(ansiColour);
		const plain = await renderInk(tree(false));
		expect(plain.lastFrame()).not.toMatch(ansiColour);
		expect(plain.lastFrame()).toContain('✗ Failed.');
	});
});

describe('header and key hints', () => {
	test('step counter, title, detail on the right, a rule as wide as given', async () => {
		const ink = await renderInk(
			<Header step={2} total={7} title="Token" detail="acme/widget" width={50} />,
		);
		const [first, rule] = ink.lastFrame().split('\n');
		expect(first).toMatch(/^bbtok-tui · 2\/7 Token\s+acme\/widget$/);
		expect(first).toHaveLength(50);
		expect(rule).toBe('─'.repeat(50));
	});

	test('hints read as a sentence', async () => {
		const ink = await renderInk(
			<KeyHints
				hints={[
					{key: 'Enter', label: 'continue'},
					{key: 'Esc', label: 'back'},
				]}
			/>,
		);
		expect(ink.lastFrame()).toBe('Enter continue · Esc back');
	});
});

describe('useTerminalSize', () => {
	test('follows resize events', async () => {
		const ink = await renderInk(<Size />);
		expect(ink.lastFrame()).toBe('100x24');
		await ink.resize(60, 20);
		expect(ink.lastFrame()).toBe('60x20');
	});
});

describe('TransferProgress', () => {
	test('a bar with a known total, a spinner without one', async () => {
		const known = await renderInk(
			<TransferProgress
				phase="Receiving objects"
				loaded={30}
				total={120}
				bytes={5 * 1024 * 1024}
				elapsedMs={65_000}
				barWidth={10}
			/>,
		);
		expect(known.lastFrame()).toMatch(/Receiving objects [■□▪▫◼◻]*.* 25%/u);
		expect(known.lastFrame()).toContain('30/120 objects · 5.0 MiB · 1 min 05 s');
		const unknown = await renderInk(
			<TransferProgress phase="Connecting" loaded={0} bytes={0} elapsedMs={300} />,
		);
		expect(unknown.lastFrame()).toContain('Connecting');
		expect(unknown.lastFrame()).toContain('0.3 s');
		expect(unknown.lastFrame()).not.toContain('%');
	});

	test('formatting', () => {
		expect(formatElapsed(12_345)).toBe('12 s');
		expect(percentOf(5, 0)).toBe(0);
		expect(percentOf(150, 100)).toBe(100);
	});
});

describe('SecretInput', () => {
	test('draws neither the value nor its length; Ctrl+U clears; Enter submits', async () => {
		const onSubmit = vi.fn();
		const onChange = vi.fn();
		const ink = await renderInk(
			<SecretInput placeholder="paste it" onChange={onChange} onSubmit={onSubmit} />,
		);
		const empty = ink.lastFrame();
		await ink.type('short');
		const short = ink.lastFrame();
		await ink.press('\u0015');
		expect(ink.lastFrame()).toBe(empty);
		await ink.paste('a-much-longer-secret-value');
		expect(ink.lastFrame()).toBe(short);
		await ink.press(keys.left, keys.tab, keys.escape, keys.enter);
		expect(onSubmit).toHaveBeenCalledWith('a-much-longer-secret-value');
		expect(onChange).toHaveBeenLastCalledWith('a-much-longer-secret-value');
		expect(ink.frames.join('\n')).not.toMatch(/short|much|secret/);
	});

	test('replays a chunk of keys in order: a Backspace after text clears it, Enter submits', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(<SecretInput onSubmit={onSubmit} />);
		await ink.paste(`typo${keys.backspace}${keys.backspace}the-token${keys.enter}ignored`);
		expect(onSubmit).toHaveBeenCalledTimes(1);
		expect(onSubmit).toHaveBeenCalledWith('the-token');
	});

	test('ignores keys while disabled', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(<SecretInput isDisabled onSubmit={onSubmit} />);
		await ink.type('abc');
		await ink.press(keys.enter);
		expect(onSubmit).not.toHaveBeenCalled();
	});
});

describe('SuggestionInput', () => {
	const suggestions = [{value: 'first', description: 'best'}, {value: 'second'}, {value: 'third'}];

	test('↑ walks away from the input, ↓ comes back; Enter submits typed text when nothing is highlighted', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			<SuggestionInput suggestions={suggestions} title="Pick" maxVisible={2} onSubmit={onSubmit} />,
		);
		expect(ink.lastFrame()).not.toContain('third');
		await ink.press(keys.up, keys.up, keys.up);
		expect(ink.lastFrame()).toContain('› second');
		await ink.press(keys.down, keys.down);
		await ink.type('typed');
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenCalledWith('typed');
		await ink.press(keys.up, keys.enter);
		expect(onSubmit).toHaveBeenLastCalledWith('first');
	});

	test('↑ and Enter in one chunk submit the suggestion just highlighted', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(<SuggestionInput suggestions={suggestions} onSubmit={onSubmit} />);
		await ink.paste(keys.up + keys.up + keys.enter);
		expect(onSubmit).toHaveBeenCalledWith('second');
	});
});

describe('BotEmailInput', () => {
	test('refuses what is neither an email nor a bot id, in place, and completes a bare id', async () => {
		const onEmail = vi.fn();
		const ink = await renderInk(<BotEmailInput onEmail={onEmail} />);
		await ink.type('not an email');
		expect(ink.lastFrame()).toContain(
			'! Type the bot email (…@bots.bitbucket.org) or just the bot id.',
		);
		await ink.press(keys.enter);
		expect(ink.lastFrame()).toContain('✗ "not an email" is neither an email nor a bot id.');
		expect(onEmail).not.toHaveBeenCalled();
		await ink.press(keys.ctrlU);
		await ink.type('jo@example.com');
		expect(ink.lastFrame()).toContain('→ user.email jo@example.com');
		expect(ink.lastFrame()).toContain('! jo@example.com is not a bot address');
		await ink.press(keys.ctrlU);
		await ink.type('1a2b3c');
		expect(ink.lastFrame()).toContain('→ user.email 1a2b3c@bots.bitbucket.org');
		expect(ink.lastFrame()).not.toContain('not a bot address');
		await ink.press(keys.enter);
		expect(onEmail).toHaveBeenCalledWith('1a2b3c@bots.bitbucket.org');
	});

	test('with `keep`, Enter on the empty field keeps user.email', async () => {
		const onEmail = vi.fn();
		const onKeep = vi.fn();
		const ink = await renderInk(
			<BotEmailInput keep={{current: 'jo@example.com', onKeep}} onEmail={onEmail} />,
		);
		expect(ink.lastFrame()).toContain('Enter on an empty field keeps user.email (jo@example.com).');
		await ink.press(keys.enter);
		expect(onKeep).toHaveBeenCalledOnce();
		expect(onEmail).not.toHaveBeenCalled();
	});
});
