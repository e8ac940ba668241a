/**
 * Clone benchmark: the built CLI's headless clone (`dist/cli.js --token-stdin … acme/bench`,
 * as a user or CI runs it, start-up included) against native `git clone` of the same
 * generated repository served by the sandbox in a process of its own, full and shallow, in
 * alternating runs; prints median wall time, CPU time, peak RSS, their ratios and the load
 * average the runs met.
 */

import {spawnSync} from 'node:child_process';
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {startSandboxProcess} from './first-page.js';
import {generateRepository, type SizeName, sizes} from './generate-repo.js';
import {
	hasPeakRss,
	measure,
	median,
	megabytes,
	option,
	printTable,
	ratio,
	type Sample,
	seconds,
} from './measure.js';

const workspace = 'acme';
const slug = 'bench';
// `--cli PATH`: another build of the CLI (an earlier commit's dist/cli.js), for before/after.
const cli = path.resolve(option('cli', 'dist/cli.js'));

await runBenchmark();

/** Full-clone peak RSS of bbtok-tui per size, for the slope against pack size. */
type RssPoint = {packBytes: number; rssBytes: number};

async function runBenchmark(): Promise<void> {
	// `--size real,large`: several sizes in one run, then the slope of peak RSS against pack size.
	const names = option('size', 'default').split(',') as SizeName[];
	const points: RssPoint[] = [];
	for (const size of names) {
		if (!sizes[size]) {
			throw new Error(`Unknown --size ${size}; use one of ${Object.keys(sizes).join(', ')}.`);
		}

		points.push(await benchmarkSize(size));
	}

	if (hasPeakRss && points.length > 1) {
		const slope = slopeOf(points);
		console.log(
			`\nbbtok-tui full-clone peak RSS against pack size: ${slope.toFixed(3)} MB per MB of pack (flat is 0; target <= 160 MB on every size)`,
		);
	}
}

/** Least-squares slope of peak RSS over pack bytes. */
function slopeOf(points: readonly RssPoint[]): number {
	const meanX = points.reduce((sum, point) => sum + point.packBytes, 0) / points.length;
	const meanY = points.reduce((sum, point) => sum + point.rssBytes, 0) / points.length;
	let covariance = 0;
	let variance = 0;
	for (const {packBytes, rssBytes} of points) {
		covariance += (packBytes - meanX) * (rssBytes - meanY);
		variance += (packBytes - meanX) ** 2;
	}

	return variance === 0 ? 0 : covariance / variance;
}

async function benchmarkSize(size: SizeName): Promise<RssPoint> {
	const shape = sizes[size];
	const runs = Number(option('runs', size === 'small' || size === 'medium' ? '5' : '3'));
	const cacheDir = path.resolve('.bench', 'repos');
	await mkdir(cacheDir, {recursive: true});
	console.log(`generating or reusing the ${size} repository (cached in .bench/repos) ...`);
	const repository = await generateRepository(shape, cacheDir);

	// In a process of its own (dist/sandbox.js, as acme/bench), as the first-page benchmark
	// runs it: the server then shares no event loop with the relay of each child's output.
	const sandbox = await startSandboxProcess(repository.gitDir);
	const {token} = sandbox;
	const url = `${sandbox.gitUrl}/${workspace}/${slug}.git`;
	// Native git sends the same Basic x-token-auth credentials, up front like the product.
	const authorization = `Authorization: Basic ${Buffer.from(`x-token-auth:${token}`).toString('base64')}`;
	// `--scratch DIR`: where the clones go (default the OS temporary folder). On a disk where
	// creating a file costs a lot of kernel time (100-400 µs on the VMs this was measured on)
	// that cost dominates both sides; `--scratch /dev/shm` (tmpfs) shows the engines alone.
	const scratch = await mkdtemp(path.join(option('scratch', os.tmpdir()), 'bbtok-bench-clones-'));
	const expectedHead = git(['rev-parse', 'HEAD'], repository.gitDir);
	const gitEnv = {
		...process.env,
		GIT_CONFIG_GLOBAL: '/dev/null',
		GIT_CONFIG_NOSYSTEM: '1',
		GIT_TERMINAL_PROMPT: '0',
	};

	let counter = 0;
	const nextDir = () => path.join(scratch, `clone-${counter++}`);
	const variants = {
		native: async (depth?: number) => {
			const dir = nextDir();
			const depthArgs = depth === undefined ? [] : ['--depth', String(depth)];
			return finish(
				dir,
				await measure(
					'git',
					['-c', `http.extraHeader=${authorization}`, 'clone', '-q', ...depthArgs, url, dir],
					{env: gitEnv},
				),
			);
		},
		product: async (depth?: number) => {
			const dir = nextDir();
			const depthArgs = depth === undefined ? [] : ['--depth', String(depth)];
			const args = ['--token-stdin', '--no-input', '--bot-email', 'ci-bot', `${workspace}/${slug}`];
			return finish(
				dir,
				await measure(process.execPath, [cli, ...args, '--dir', dir, ...depthArgs], {
					input: `${token}\n`,
					env: {
						PATH: process.env.PATH,
						HOME: scratch,
						NO_COLOR: '1',
						BBTOK_API_URL: sandbox.apiUrl,
						BBTOK_GIT_URL: sandbox.gitUrl,
						// A settings folder per run, as a CI job starts with: a run remembers the depth it
						// used as the next run's default, which made every full run after the first
						// shallow one a shallow clone (slower here: the server builds that pack anew).
						BBTOK_CONFIG_DIR: `${dir}.config`,
					},
				}),
			);
		},
	};

	/** Checks each clone got the right HEAD, then frees the disk for the next run. */
	async function finish(dir: string, sample: Sample): Promise<Sample> {
		const head = git(['rev-parse', 'HEAD'], dir);
		if (head !== expectedHead) {
			throw new Error(`clone in ${dir} has HEAD ${head}, expected ${expectedHead}`);
		}

		await rm(dir, {recursive: true, force: true});
		await rm(`${dir}.config`, {recursive: true, force: true});
		return sample;
	}

	const point: RssPoint = {packBytes: repository.packBytes, rssBytes: 0};
	try {
		const results = {
			full: {native: [] as Sample[], product: [] as Sample[]},
			shallow: {native: [] as Sample[], product: [] as Sample[]},
		};
		const loadBefore = os.loadavg()[0]!;
		for (let run = 0; run < runs; run++) {
			// Alternate which side goes first, so drift on a shared machine hits both alike.
			const order =
				run % 2 === 0 ? (['native', 'product'] as const) : (['product', 'native'] as const);
			for (const side of order) {
				results.full[side].push(await variants[side]());
			}

			for (const side of order) {
				results.shallow[side].push(await variants[side](1));
			}
		}

		console.log(
			`\nclone, ${size}: pack ${megabytes(repository.packBytes)}, ${repository.objects.toLocaleString('en')} objects, ${shape.commits} commits; median of ${runs} alternating runs; load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}; clones in ${path.dirname(scratch)}`,
		);
		const rows: string[][] = [['', 'native git', 'bbtok-tui', 'ratio', 'target']];
		for (const [kind, target] of [
			['full', 1.3],
			['shallow', 1.2],
		] as const) {
			const native = median(results[kind].native.map((sample) => sample.wallMs));
			const product = median(results[kind].product.map((sample) => sample.wallMs));
			rows.push([
				`${kind} wall`,
				seconds(native),
				seconds(product),
				ratio(product / native),
				`<= ${target}x`,
			]);
			if (hasPeakRss) {
				const nativeCpu = median(results[kind].native.map((sample) => sample.cpuMs ?? 0));
				const productCpu = median(results[kind].product.map((sample) => sample.cpuMs ?? 0));
				rows.push([
					`${kind} CPU`,
					seconds(nativeCpu),
					seconds(productCpu),
					ratio(productCpu / nativeCpu),
					'',
				]);
				const nativeRss = median(results[kind].native.map((sample) => sample.peakRssBytes ?? 0));
				const productRss = median(results[kind].product.map((sample) => sample.peakRssBytes ?? 0));
				rows.push([
					`${kind} peak RSS`,
					megabytes(nativeRss),
					megabytes(productRss),
					`${ratio(productRss / nativeRss)} (${ratio(productRss / repository.packBytes)} pack)`,
					'<= 160 MB',
				]);
				if (kind === 'full') {
					point.rssBytes = productRss;
				}
			}
		}

		printTable(rows);
		if (!hasPeakRss) {
			console.log('(peak RSS needs /usr/bin/time: apt-get install time)');
		}

		return point;
	} finally {
		await sandbox.close();
		await rm(scratch, {recursive: true, force: true});
	}
}

function git(args: string[], gitDir: string): string {
	return spawnSync(
		'git',
		['--git-dir', path.join(gitDir, gitDir.endsWith('.git') ? '' : '.git'), ...args],
		{
			encoding: 'utf8',
		},
	).stdout.trim();
}
