/**
 * The browser's warm start, through the built CLI (`npm run build` first) in a pseudo-terminal
 * against the sandbox: its first requests leave before Ink and React start loading, so the
 * answers travel while the UI loads, and a first page that comes in first is drawn before the
 * UI is imported (the first page of issue 15's start-up target).
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {type Sandbox, startSandbox} from '../../source/sandbox/index.js';

const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const preload = new URL('load-order/preload.mjs', import.meta.url).pathname;

let sandbox: Sandbox;
let scratch: string;
let runs = 0;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
	scratch = await mkdtemp(path.join(tmpdir(), 'bbtok-startup-order-'));
});

afterAll(async () => {
	await Promise.all([sandbox.close(), rm(scratch, {recursive: true, force: true})]);
});

/** Runs the browser until its first page is drawn, quits it, and returns the load log. */
async function loadOrder(): Promise<string[]> {
	const {code, output, log} = await browse((child) => child.stdin?.write('q'));
	expect(code, output).toBe(0);
	return log;
}

/** Runs the browser until its first page is drawn, then `act`s on it; its code, output, log. */
async function browse(act: (child: ReturnType<typeof spawn>) => void) {
	// A log of its own: the preload appends, and a retry must not read an earlier run's order.
	const log = path.join(scratch, `order-${++runs}.log`);
	const command = `exec '${process.execPath}' --import '${preload}' '${cli}' commits acme/widget --api-url '${sandbox.apiUrl}' --git-url '${sandbox.gitUrl}'`;
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
			act(child);
		}
	});
	const code = await new Promise((resolve) => child.on('close', resolve));
	return {code, output, log: (await readFile(log, 'utf8')).trim().split('\n')};
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
	// "Quickly" is within the browser's 50 ms wait: on a machine loaded by the rest of the
	// suite the sandbox's answer can take longer, and Ink then loads first, as it should. One
	// run of a few that drew first shows the paint; none would mean it is broken.
	let order: string[] = [];
	for (let run = 0; run < 5; run++) {
		order = await loadOrder();
		const ui = order.findIndex((line) => line.startsWith('import render-'));
		expect(ui, order.join('\n')).toBeGreaterThan(0);
		const drawn = order.indexOf('first page drawn');
		if (drawn >= 0 && drawn < ui) return;
	}

	expect.fail(`no run drew its first page before importing the UI; the last:\n${order.join('\n')}`);
}, 90_000);

it('ends with 143 on a SIGTERM right after the first paint, leaving the alternate screen', async () => {
	const {code, output} = await browse((script) => {
		// script(1) runs the CLI as its child; the signal goes to the CLI, as kill would.
		const pid = readFileSync(`/proc/${script.pid}/task/${script.pid}/children`, 'utf8').trim();
		process.kill(Number(pid.split(' ')[0]), 'SIGTERM');
	});
	expect(code, output).toBe(143);
	expect(output.lastIndexOf('\u001B[?1049l'), output).toBeGreaterThan(
		output.lastIndexOf('\u001B[?1049h'),
	);
}, 30_000);
