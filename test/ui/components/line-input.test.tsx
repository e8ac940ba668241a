import {describe, expect, test, vi} from 'vitest';
import {LineInput} from '../../../source/ui/components/line-input/line-input.js';
import {
	type LineInputAction,
	lineInputReducer,
} from '../../../source/ui/components/line-input/use-line-input-state.js';
import {keys, renderInk} from '../../helpers/render.js';

describe('LineInput', () => {
	test('text and Enter arriving in one chunk submit the text', async () => {
		const onSubmit = vi.fn();
		const onChange = vi.fn();
		const ink = await renderInk(<LineInput onChange={onChange} onSubmit={onSubmit} />);
		await ink.paste(`Widget bot${keys.enter}`);
		expect(onSubmit).toHaveBeenCalledWith('Widget bot');
		expect(onChange).toHaveBeenCalledWith('Widget bot');
	});

	test('a paste ending in a newline is inserted, then submitted; no newline in the value', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(<LineInput defaultValue="acme/" onSubmit={onSubmit} />);
		await ink.paste('widget\n');
		expect(onSubmit).toHaveBeenCalledWith('acme/widget');
		expect(ink.lastFrame()).toBe('acme/widget');
	});

	test('editing at the cursor: ←, Home, End, Backspace, Ctrl+U', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(<LineInput onSubmit={onSubmit} />);
		await ink.type('cme/widgt');
		await ink.press(keys.home, 'a', keys.end, keys.left, 'e', keys.end, 'x', keys.backspace);
		await ink.press(keys.enter);
		expect(onSubmit).toHaveBeenLastCalledWith('acme/widget');
		await ink.press('\u0015', keys.enter);
		expect(onSubmit).toHaveBeenLastCalledWith('');
	});

	test('Backspace, Ctrl+U and text typed faster than Ink reads arrive as one chunk, in order', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(<LineInput defaultValue="widget" onSubmit={onSubmit} />);
		await ink.paste(`${keys.backspace}${keys.backspace}x`);
		expect(ink.lastFrame()).toBe('widgx');
		await ink.paste(`\b\bdget${keys.ctrlU}gadget\u0007${keys.backspace}s\r`);
		expect(onSubmit).toHaveBeenCalledWith('gadges');
	});

	test('placeholder while empty; keys ignored while disabled', async () => {
		const onSubmit = vi.fn();
		const ink = await renderInk(
			<LineInput placeholder="workspace/repo" isDisabled onSubmit={onSubmit} />,
		);
		expect(ink.lastFrame()).toBe('workspace/repo');
		await ink.type('abc');
		await ink.press(keys.enter);
		expect(onSubmit).not.toHaveBeenCalled();
	});

	test('the reducer keeps the cursor within the value', () => {
		const run = (...actions: LineInputAction[]) =>
			actions.reduce(lineInputReducer, {value: 'ab', cursor: 2});
		expect(run({type: 'right'})).toEqual({value: 'ab', cursor: 2});
		expect(run({type: 'home'}, {type: 'left'}, {type: 'deleteBack'})).toEqual({
			value: 'ab',
			cursor: 0,
		});
		expect(run({type: 'left'}, {type: 'insert', text: 'X'})).toEqual({value: 'aXb', cursor: 2});
	});
});
