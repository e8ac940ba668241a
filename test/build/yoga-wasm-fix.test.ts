// The Yoga patch (source/build/yoga-wasm-fix.js), run: Yoga loads its inlined wasm and lays
// out a node without calling the global fetch, whose first call would load Node's own undici
// before the first frame. Without the patch the same script does call fetch.
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';

const script = `
let fetched = false;
globalThis.fetch = () => { fetched = true; return Promise.reject(new Error('no fetch')); };
const {default: Yoga} = await import('yoga-layout');
const node = Yoga.Node.create();
node.setWidth(42);
node.calculateLayout();
console.log(JSON.stringify({fetched, width: node.getComputedWidth()}));
`;

async function loadYoga(nodeArgs: string[]): Promise<{fetched: boolean; width: number}> {
	const {stdout} = await promisify(execFile)(process.execPath, [
		...nodeArgs,
		'--input-type=module',
		'--eval',
		script,
	]);
	return JSON.parse(stdout);
}

test('patched, Yoga decodes its wasm without fetch', async () => {
	expect(await loadYoga(['--import', './test/helpers/patch-hook.js'])).toEqual({
		fetched: false,
		width: 42,
	});
});

test('unpatched, Yoga fetches its data: URL', async () => {
	expect(await loadYoga([])).toEqual({fetched: true, width: 42});
});
