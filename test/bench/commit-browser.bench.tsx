/**
 * Commit browser benchmark (`npm run bench commit-browser`).
 *
 * 1. Key press → next frame written, with 10,000 commits loaded: ↓, PgDn and a filter
 *    keystroke, in process on a fake terminal (Ink's real renderer and layout). Keys are
 *    spaced beyond Ink's 30 fps throttle so every key gets its own frame.
 * 2. Start → first page drawn: the built CLI in a pseudo-terminal (script(1)) against the
 *    sandbox serving a 10,000-commit repository made with `git fast-import`, minus Node's
 *    own start-up (`node -e 0`, and `--version` beside it) and minus the API's response time
 *    for the requests on the way to the first frame (repository, then the first page of
 *    commits), in alternating runs; the load average says how busy the machine was.
 */
import {spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import {mkdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {FakeCommitsApi} from '../commits/fake-api.js';
import {generateRepository, type RepositoryShape} from './generate-repo.js';
import {measure, median, option, printTable} from './measure.js';

// Ink renders nothing but the last frame when it believes it runs in CI.
delete process.env.CI;
const {render} = await import('ink');
const {CommitBrowser} = await import('../../source/ui/commit-browser/index.js');
const {startSandbox} = await import('../../source/sandbox/index.js');

const commits = 10_000;
const presses = Number(option('presses', '150'));
const runs = Number(option('runs', '11'));
const frameGapMs = 40;

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 120;
	rows = 40;
	/** Everything written since the last `clear()`. */
	output = '';
	#waiting: (() => void) | undefined;
	write = (chunk: string) => {
		this.output += chunk;
		// Synchronized-output markers come alone; the frame is the write that follows.
		if (chunk.length > 16) {
			this.#waiting?.();
			this.#waiting = undefined;
		}

		return true;
	};

	clear(): void {
		this.output = '';
	}

	nextFrame(): Promise<void> {
		return new Promise((resolve) => {
			this.#waiting = resolve;
		});
	}
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	#data: string | null = null;
	write(data: string) {
		this.#data = data;
		this.emit('readable');
	}
	read = () => {
		const data = this.#data;
		this.#data = null;
		return data;
	};
	setEncoding() {}
	setRawMode() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
}

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function keyLatency(): Promise<string[][]> {
	const api = new FakeCommitsApi({branches: {main: commits}});
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	const instance = render(
		<CommitBrowser
			client={api}
			repoRef={{workspace: 'acme', repo: 'bench'}}
			onExit={() => {}}
			copy={() => {}}
		/>,
		{stdout: stdout as never, stdin: stdin as never, exitOnCtrlC: false, patchConsole: false},
	);
	const until = async (text: string) => {
		for (let waited = 0; !stdout.output.includes(text); waited += 10) {
			if (waited > 30_000) {
				throw new Error(`never drew ${text}`);
			}

			await sleep(10);
		}
	};

	await until('1/100');
	stdout.clear();
	stdin.write('G');
	await until('10,000/10,000 · all loaded');
	stdin.write('g');
	await sleep(frameGapMs);

	const timeKeys = async (sequence: (index: number) => string): Promise<number[]> => {
		const samples: number[] = [];
		for (let index = 0; index < presses; index++) {
			const written = stdout.nextFrame();
			const started = performance.now();
			stdin.write(sequence(index));
			await written;
			samples.push(performance.now() - started);
			await sleep(frameGapMs);
		}

		return samples;
	};

	const down = await timeKeys(() => '\u001B[B');
	stdin.write('g');
	await sleep(frameGapMs);
	const pageDown = await timeKeys(() => '\u001B[6~');
	stdin.write('/');
	await sleep(frameGapMs);
	// Narrowing (refines the previous matches) and widening (a full scan) in turn.
	const cycle = ['s', 'p', 'r', '\u007F', '\u007F', '\u007F'];
	const filter = await timeKeys((index) => cycle[index % cycle.length]!);
	instance.unmount();

	const row = (name: string, samples: number[]) => [
		name,
		`${median(samples).toFixed(2)} ms`,
		`${percentile(samples, 99).toFixed(2)} ms`,
		percentile(samples, 99) < 16 ? 'yes' : 'NO',
	];
	return [
		['key (10,000 commits loaded)', 'median', 'p99', 'p99 < 16 ms'],
		row('↓', down),
		row('PgDn', pageDown),
		row('filter keystroke', filter),
	];
}

async function firstFrame(): Promise<string[][]> {
	const shape: RepositoryShape = {
		commits,
		textFiles: 40,
		linesPerFile: 6,
		editsPerCommit: 1,
		binaryFiles: 0,
		binaryBytes: 0,
		binaryEditEvery: commits + 1,
		deltaDepth: 50,
		seed: 7,
	};
	const cacheDir = path.resolve('.bench', 'repos');
	await mkdir(cacheDir, {recursive: true});
	const repository = await generateRepository(shape, cacheDir);
	const sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [
			{workspace: 'acme', slug: 'bench', gitDir: repository.gitDir, project: 'TOOLS'},
		],
		rateLimit: {limit: 1_000_000},
	});
	const cli = path.resolve('dist/cli.js');
	const token = sandbox.tokens.workspaceRead;
	try {
		const node: number[] = [];
		const startup: number[] = [];
		const total: number[] = [];
		const api: number[] = [];
		for (let run = 0; run < runs; run++) {
			node.push((await measure(process.execPath, ['-e', '0'])).wallMs);
			startup.push((await measure(process.execPath, [cli, '--version'])).wallMs);
			api.push(await apiTime(sandbox.apiUrl, token));
			total.push(await timeToFirstPage(cli, sandbox, token));
		}

		const beyond = (base: number[]) =>
			median(total.map((value, index) => value - base[index]! - api[index]!));
		const perScreen = await requestsPerScreen(cli, sandbox, token);
		const load = os.loadavg().map((value) => value.toFixed(1));
		return [
			[`start → first page (10,000-commit repo, sandbox; load ${load.join(' ')})`, 'median'],
			['whole run, in a pseudo-terminal', `${median(total).toFixed(0)} ms`],
			['  Node start-up (node -e 0)', `${median(node).toFixed(0)} ms`],
			['  bbtok-tui --version', `${median(startup).toFixed(0)} ms`],
			['  API: repository + first page of 100', `${median(api).toFixed(0)} ms`],
			['  beyond node -e 0 and the API (target < 100 ms)', `${beyond(node).toFixed(0)} ms`],
			['  beyond --version and the API', `${beyond(startup).toFixed(0)} ms`],
			['API requests (120×40 terminal, sandbox seeded with no statuses)', ''],
			['  opening: list (repository, page, branches, tags)', String(perScreen.open.list)],
			['  opening: build statuses (rows in view + 10)', String(perScreen.open.statuses)],
			['  one PgDn more: build statuses', String(perScreen.pageDown.statuses)],
		];
	} finally {
		await sandbox.close();
	}
}

/** The requests on the critical path to the first frame, as the client makes them. */
async function apiTime(apiUrl: string, token: string): Promise<number> {
	const headers = {authorization: `Bearer ${token}`};
	const started = performance.now();
	await (await fetch(`${apiUrl}/repositories/acme/bench`, {headers})).json();
	await (
		await fetch(`${apiUrl}/repositories/acme/bench/commits/main?pagelen=100`, {headers})
	).json();
	return performance.now() - started;
}

type Counts = {list: number; statuses: number};

/** API requests of one session: opened, settled, one PgDn, settled, quit. */
async function requestsPerScreen(
	cli: string,
	sandbox: {apiUrl: string; gitUrl: string; requests: {url: string; server: string}[]},
	token: string,
): Promise<{open: Counts; pageDown: Counts}> {
	const count = (from: number): Counts => {
		const made = sandbox.requests.slice(from).filter((request) => request.server === 'api');
		const statuses = made.filter((request) => request.url.includes('/statuses')).length;
		return {list: made.length - statuses, statuses};
	};
	const command = `'${process.execPath}' '${cli}' commits acme/bench --api-url '${sandbox.apiUrl}' --git-url '${sandbox.gitUrl}'`;
	const child = spawn('script', ['-qec', command, '/dev/null'], {
		env: {
			PATH: process.env.PATH,
			BITBUCKET_ACCESS_TOKEN: token,
			TERM: 'xterm-256color',
			COLUMNS: '120',
			LINES: '40',
		},
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	child.stdout.resume();
	const start = sandbox.requests.length;
	await sleep(2000);
	const open = count(start);
	const afterOpen = sandbox.requests.length;
	child.stdin.write('\u001B[6~');
	await sleep(1500);
	const pageDown = count(afterOpen);
	child.stdin.write('q');
	await new Promise((resolve) => child.on('close', resolve));
	return {open, pageDown};
}

/** Runs the CLI in a pseudo-terminal until the newest commit's row is drawn, then quits it. */
function timeToFirstPage(
	cli: string,
	sandbox: {apiUrl: string; gitUrl: string},
	token: string,
): Promise<number> {
	const command = `'${process.execPath}' '${cli}' commits acme/bench --api-url '${sandbox.apiUrl}' --git-url '${sandbox.gitUrl}'`;
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn('script', ['-qec', command, '/dev/null'], {
			env: {
				PATH: process.env.PATH,
				BITBUCKET_ACCESS_TOKEN: token,
				TERM: 'xterm-256color',
				COLUMNS: '120',
				LINES: '40',
			},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let output = '';
		let drawn: number | undefined;
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (drawn === undefined && /1\/100/.test(output)) {
				drawn = performance.now() - started;
				child.stdin.write('q');
			}
		});
		const timer = setTimeout(() => child.kill(), 20_000);
		child.on('close', () => {
			clearTimeout(timer);
			if (drawn === undefined) {
				reject(new Error(`no first page:\n${output}`));
			} else {
				resolve(drawn);
			}
		});
	});
}

/** `--only keys` or `--only start` runs one half (e.g. under --cpu-prof). */
const only = option('only', 'all');
console.log(`${presses} presses per key, ${runs} runs of the CLI\n`);
if (only !== 'start') {
	printTable(await keyLatency());
	console.log('');
}

if (only !== 'keys') {
	printTable(await firstFrame());
}
