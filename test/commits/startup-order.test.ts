/**
 * The browser's warm start, through the built CLI (`npm run build` first) in a pseudo-terminal
 * against the sandbox: its first requests leave before Ink and React start loading, so the
 * answers travel while the UI loads, and a first page that comes in first is drawn before the
 * UI is imported (the first page of issue 15's start-up target).
 */
import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const preload = new URL('load-order/preload.mjs', import.meta.url).pathname;

let sandbox: Sandbox;
let scratch: string;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	scratch = await mkdtemp(path.join(tmpdir(), 'bbtok-startup-order-'));
});

afterAll(async () => {
	await Promise.all([sandbox.close(), rm(scratch, {recursive: true, force: true})]);
});

/** Runs the browser until its first page is drawn, quits it, and returns the load log. */
async function loadOrder(): Promise<string[]> {
	const log = path.join(scratch, 'order.log');
	const command = `'${process.execPath}' --import '${preload}' '${cli}' commits acme/widget --api-url '${sandbox.apiUrl}' --git-url '${sandbox.gitUrl}'`;
	const child = spawn('script', ['-qec', command, '/dev/null'], {
		cwd: scratch,
		env: {
			PATH: process.env.PATH,
			HOME: scratch,
			BITBUCKET_ACCESS_TOKEN: sandbox.tokens.repoRead,
			TERM: 'xterm-256color',
			COLUMNS: '100',
			LINES: '30',
			LOAD_ORDER_LOG: log,
			LOAD_ORDER_CHUNKS: String.raw`(^|/)render-\w+\.js$`,
		},
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	let output = '';
	let quit = false;
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
		if (!quit && /\d+\/\d+/.test(output)) {
			quit = true;
			child.stdin.write('q');
		}
	});
	const code = await new Promise((resolve) => child.on('close', resolve));
	expect(code, output).toBe(0);
	return (await readFile(log, 'utf8')).trim().split('\n');
}

it('sends the repository and branches requests before importing the UI', async () => {
	const order = await loadOrder();
	const ui = order.findIndex((line) => line.startsWith('import render-'));
	expect(ui, order.join('\n')).toBeGreaterThan(0);
	expect(order.slice(0, ui)).toEqual(
		expect.arrayContaining([
			'request /2.0/repositories/acme/widget',
			expect.stringMatching(/^request \/2\.0\/repositories\/acme\/widget\/refs\/branches/),
		]),
	);
}, 30_000);

it('draws a first page that comes in quickly before importing the UI', async () => {
	const order = await loadOrder();
	const ui = order.findIndex((line) => line.startsWith('import render-'));
	expect(ui, order.join('\n')).toBeGreaterThan(0);
	expect(order.indexOf('first page drawn'), order.join('\n')).toBeGreaterThanOrEqual(0);
	expect(order.indexOf('first page drawn'), order.join('\n')).toBeLessThan(ui);
}, 30_000);
