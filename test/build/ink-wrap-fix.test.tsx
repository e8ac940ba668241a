import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {Box, Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {inkWrapPatch} from '../../source/build/ink-wrap-fix.js';
import {applyPatch} from '../../source/build/patches.js';
import {renderInk} from '../helpers/render.js';

const inkWrapText = fileURLToPath(
	new URL('../../node_modules/ink/build/wrap-text.js', import.meta.url),
);

describe('the Ink wrap fix', () => {
	it('applies to the installed Ink exactly once, and refuses a source it was not written for', async () => {
		const source = await readFile(inkWrapText, 'utf8');
		const fixed = applyPatch(inkWrapPatch, source);
		expect(fixed).not.toBe(source);
		expect(() => applyPatch(inkWrapPatch, fixed)).toThrow(/no longer applies.*occurs nowhere/);
	});

	it('starts no wrapped row with the space of a break that fell on the width (in tests as in the bundle)', async () => {
		const ink = await renderInk(
			<Box width={10}>
				<Text>1234567890 abcdefghij klm</Text>
			</Box>,
		);
		expect(ink.lastFrame().split('\n')).toEqual(['1234567890', 'abcdefghij', 'klm']);
	});

	it('keeps the indentation of the text’s own lines, coloured or not', async () => {
		const ink = await renderInk(
			<Box width={12}>
				<Text>
					{'  indented\n    deeper one two'}
					<Text color="red"> 3456789012</Text>
				</Text>
			</Box>,
		);
		expect(ink.lastFrame().split('\n')).toEqual([
			'  indented',
			'    deeper',
			'one two',
			'3456789012',
		]);
	});
});
