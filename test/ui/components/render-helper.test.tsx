import {Text, useInput} from 'ink';
import {useState} from 'react';
import {expect, test} from 'vitest';
import {keys, renderInk} from '../../helpers/render.js';

function Counter() {
	const [log, setLog] = useState<string[]>([]);
	useInput((input, key) => {
		setLog((previous) => [...previous, key.escape ? 'esc' : key.upArrow ? 'up' : input]);
	});
	return <Text>{log.join(',') || 'empty'}</Text>;
}

test('keys pressed back to back each reach a fresh handler, Escape included', async () => {
	const ink = await renderInk(<Counter />);
	await ink.press('a', keys.up, keys.escape, 'b');
	expect(ink.lastFrame()).toBe('a,up,esc,b');
});

test('a paste arrives as one chunk', async () => {
	const ink = await renderInk(<Counter />);
	await ink.paste('hello');
	expect(await ink.waitFor('hello')).toBe('hello');
});
