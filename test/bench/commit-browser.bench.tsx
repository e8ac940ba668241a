/**
 * Commit browser benchmark (`npm run bench commit-browser`).
 *
 * 1. Key press → next frame written, with 10,000 commits loaded: ↓, PgDn and a filter
 *    keystroke, in process on a fake terminal (Ink's real renderer and layout). Keys are
 *    spaced beyond Ink's 30 fps throttle so every key gets its own frame.
 * 2. Start → first page drawn: the built CLI in a pseudo-terminal (script(1)) against the
 *    sandbox (its own process) serving a 10,000-commit repository made with `git fast-import`,
 *    minus Node's own start-up and minus the API's time for the requests on the way to the
 *    first page, in alternating runs (first-page.ts says exactly what each figure is); the
 *    load average says how busy the machine was.
 */
import {spawn} from 'node:child_process';
import {EventEmitter} from 'node:events';
import {mkdir} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {FakeCommitsApi} from '../commits/fake-api.js';
import {apiAsMet, type PtyTiming, startSandboxProcess, timeInPty} from './first-page.js';
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
	const cli = path.resolve('dist/cli.js');
	const sandbox = await startSandboxProcess(repository.gitDir);
	const browserOf = (file: string) =>
		`'${process.execPath}' '${file}' commits acme/bench --api-url '${sandbox.apiUrl}' --git-url '${sandbox.gitUrl}'`;
	const browser = browserOf(cli);
	// `--baseline DIST/cli.js`: another build (e.g. main's), timed in the same alternation.
	const baselineCli = option('baseline', '');
	const baseline = baselineCli === '' ? undefined : browserOf(path.resolve(baselineCli));
	const env = {BITBUCKET_ACCESS_TOKEN: sandbox.token, COLUMNS: '120', LINES: '40'};
	const pageDrawn = /1\/100/;
	// It stays until a key, like the browser, so its CPU can be read after the character.
	const nodeFirstOutput = `'${process.execPath}' -e 'process.stdout.write("x"); process.stdin.setRawMode(true).once("data", () => process.exit())'`;
	try {
		// Warm-up: the sandbox's first answers read the repository cold.
		await apiAsMet(sandbox);
		await timeInPty(browser, env, pageDrawn);
		const node: number[] = [];
		const version: number[] = [];
		const api: number[] = [];
		const nodeInPty: PtyTiming[] = [];
		const browserInPty: PtyTiming[] = [];
		const baselineInPty: PtyTiming[] = [];
		for (let run = 0; run < runs; run++) {
			if (baseline !== undefined) {
				baselineInPty.push(await timeInPty(baseline, env, pageDrawn));
			}

			node.push((await measure(process.execPath, ['-e', '0'])).wallMs);
			version.push((await measure(process.execPath, [cli, '--version'])).wallMs);
			nodeInPty.push(await timeInPty(nodeFirstOutput, {}, /x/));
			api.push(await apiAsMet(sandbox));
			browserInPty.push(await timeInPty(browser, env, pageDrawn));
		}

		const beyond = (timings: PtyTiming[]) => {
			const node = timings.map((run, index) => run.wallMs - nodeInPty[index]!.wallMs);
			return {node, both: node.map((value, index) => value - api[index]!)};
		};
		const {node: beyondNode, both: beyondBoth} = beyond(browserInPty);
		const load = os.loadavg().map((value) => value.toFixed(1));
		const ms = (value: number) => `${value.toFixed(0)} ms`;
		const wall = (timings: PtyTiming[]) => ms(median(timings.map((timing) => timing.wallMs)));
		const cpu = (timings: PtyTiming[]) => ms(median(timings.map((timing) => timing.cpuMs)));
		const perScreen = await requestsPerScreen(cli, repository.gitDir);
		return [
			[
				`start → first page (10,000-commit repo, sandbox process; load ${load.join(' ')})`,
				'median',
			],
			['the browser, spawn to its first page in a pseudo-terminal', wall(browserInPty)],
			['  Node start-up: node -e writing one character there', wall(nodeInPty)],
			['  API as the browser meets it: branches ∥ repository → page', ms(median(api))],
			['  beyond Node start-up', ms(median(beyondNode))],
			['  beyond Node start-up and the API (target < 100 ms)', ms(median(beyondBoth))],
			[
				'  CPU to the first page (Node to its character)',
				`${cpu(browserInPty)} (${cpu(nodeInPty)})`,
			],
			...(baseline === undefined
				? []
				: [
						[
							`  ${baselineCli}: beyond Node and the API; CPU`,
							`${ms(median(beyond(baselineInPty).both))}; ${cpu(baselineInPty)}`,
						],
					]),
			[
				'node -e 0; bbtok-tui --version (spawn to exit)',
				`${ms(median(node))}; ${ms(median(version))}`,
			],
			['API requests (120×40 terminal, sandbox seeded with no statuses)', ''],
			['  opening: list (repository, page, branches, tags)', String(perScreen.open.list)],
			['  opening: build statuses (rows in view + 10)', String(perScreen.open.statuses)],
			['  one PgDn more: build statuses', String(perScreen.pageDown.statuses)],
		];
	} finally {
		await sandbox.close();
	}
}

type Counts = {list: number; statuses: number};

/** API requests of one session: opened, settled, one PgDn, settled, quit. */
async function requestsPerScreen(
	cli: string,
	gitDir: string,
): Promise<{open: Counts; pageDown: Counts}> {
	// In process: its request log is what is counted.
	const sandbox = await startSandbox({
		env: process.env,
		extraRepositories: [{workspace: 'acme', slug: 'bench', gitDir, project: 'TOOLS'}],
		rateLimit: {limit: 1_000_000},
	});
	const count = (from: number): Counts => {
		const made = sandbox.requests.slice(from).filter((request) => request.server === 'api');
		const statuses = made.filter((request) => request.url.includes('/statuses')).length;
		return {list: made.length - statuses, statuses};
	};
	const command = `'${process.execPath}' '${cli}' commits acme/bench --api-url '${sandbox.apiUrl}' --git-url '${sandbox.gitUrl}'`;
	const child = spawn('script', ['-qec', command, '/dev/null'], {
		env: {
			PATH: process.env.PATH,
			BITBUCKET_ACCESS_TOKEN: sandbox.tokens.workspaceRead,
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
	await sandbox.close();
	return {open, pageDown};
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
