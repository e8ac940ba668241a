// The string-width patch (source/build/string-width-fix.js), run: widths stay what they were,
// and the RGI_Emoji expression is built only once a cluster holds an emoji code point (the
// browser's marks and separators have none). Unpatched, the module builds it at import, as a
// literal the RegExp constructor never sees, so the second test fails without the patch.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';

const script = `
const built = [];
globalThis.RegExp = new Proxy(RegExp, {construct(target, args) { built.push(String(args[0])); return new target(...args); }});
const {default: stringWidth} = await import('string-width');
const plain = ['› 1a2b3c4 ✓ 3h ago', '· ✗ … ■ é 漢字 ｰ'].map((text) => stringWidth(text));
const rgiBeforeEmoji = built.filter((pattern) => pattern.includes('RGI_Emoji')).length;
const emoji = ['👍', '1️⃣', '🇫🇷', '👨‍👩‍👧', '©️', '👋🏽'].map((text) => stringWidth(text));
const rgiAfterEmoji = built.filter((pattern) => pattern.includes('RGI_Emoji')).length;
console.log(JSON.stringify({plain, emoji, rgiBeforeEmoji, rgiAfterEmoji}));
`;

async function run(nodeArgs: string[]) {
	const {stdout} = await promisify(execFile)(process.execPath, [
		...nodeArgs,
		'--input-type=module',
		'--eval',
		script,
	]);
	return JSON.parse(stdout);
}

const widths = {plain: [18, 16], emoji: [2, 2, 2, 2, 2, 2]};

test('unpatched widths, for comparison', async () => {
	expect(await run([])).toMatchObject(widths);
});

test('patched, the same widths, and the RGI_Emoji expression built on the first emoji', async () => {
	expect(await run(['--import', './test/helpers/patch-hook.js'])).toEqual({
		...widths,
		rgiBeforeEmoji: 0,
		rgiAfterEmoji: 1,
	});
});
