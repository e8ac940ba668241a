/**
 * Start-up benchmark: median time to exit of `dist/cli.js --version` and time to the wizard's
 * first frame (dist/cli.js in a pseudo-terminal via `script`), beside `node -e 0`, in
 * alternating runs. Then lists which bundle files each path loads (esbuild splits lazily
 * imported commands into chunks) and which heavy libraries are among them.
 */
import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {stripVTControlCharacters} from 'node:util';
import {measure, median, option, printTable, ratio} from './measure.js';

const cli = path.resolve('dist/cli.js');
const runs = Number(option('runs', '9'));
/** Text that marks the wizard's first frame; by default, the first visible character. */
const frameText = option('frame-text', '');

/** Libraries recognised in a bundle file by a string literal only they contain. */
const markers = {
	'isomorphic-git': 'Invalid PACK header',
	sandbox: 'git-http-backend',
	undici: 'UND_ERR_',
	ink: 'Raw mode is not supported',
};

/** Runs the CLI in a pseudo-terminal and resolves with the time until `frameText` appears. */
async function firstFrame(configDir: string): Promise<number> {
	const started = performance.now();
	const child = spawn('script', ['-qfec', `${process.execPath} ${cli}`, '/dev/null'], {
		env: {
			...process.env,
			BBTOK_CONFIG_DIR: configDir,
			BITBUCKET_ACCESS_TOKEN: '',
			TERM: 'xterm-256color',
			COLUMNS: '100',
			LINES: '30',
		},
		stdio: ['pipe', 'pipe', 'ignore'],
	});
	let output = '';
	try {
		return await new Promise<number>((resolve, reject) => {
			child.stdout.on('data', (chunk: Buffer) => {
				output += stripVTControlCharacters(chunk.toString('utf8'));
				if (frameText ? output.includes(frameText) : /\S/.test(output)) {
					resolve(performance.now() - started);
				}
			});
			child.on('close', () =>
				reject(new Error(`the CLI exited before its first frame: ${output}`)),
			);
		});
	} finally {
		child.kill('SIGKILL');
	}
}

const configDir = await mkdtemp(path.join(os.tmpdir(), 'bbtok-bench-config-'));
try {
	const samples = {node: [] as number[], version: [] as number[], frame: [] as number[]};
	for (let run = 0; run < runs; run++) {
		samples.node.push((await measure(process.execPath, ['-e', '0'])).wallMs);
		samples.version.push((await measure(process.execPath, [cli, '--version'])).wallMs);
		samples.frame.push(await firstFrame(configDir));
	}

	const node = median(samples.node);
	console.log(`\nstart-up, median of ${runs} alternating runs`);
	const ms = (value: number) => `${value.toFixed(0)} ms`;
	printTable([
		['', 'time', 'vs node -e 0', 'target'],
		['node -e 0', ms(node), '1.00x', ''],
		[
			'bbtok-tui --version',
			ms(median(samples.version)),
			ratio(median(samples.version) / node),
			'<= 4x',
		],
		['wizard first frame', ms(median(samples.frame)), ratio(median(samples.frame) / node), '<= 5x'],
	]);
	await reportChunks();
} finally {
	await rm(configDir, {recursive: true, force: true});
}

/** Static imports of a bundle file, then the dynamic ones, both as absolute paths. */
async function importsOf(
	file: string,
): Promise<{code: string; statics: string[]; dynamics: string[]}> {
	const code = await readFile(file, 'utf8');
	const resolve = (specifier: string) => path.resolve(path.dirname(file), specifier);
	const statics = [
		...code.matchAll(/(?:^|[;}\s])import\s*(?:[^'"();]*?from\s*)?["'](\.[^"']+)["']/g),
	].map((match) => resolve(match[1]!));
	const dynamics = [...code.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)].map((match) =>
		resolve(match[1]!),
	);
	return {code, statics, dynamics};
}

/** Files loaded by importing `entry` and then, in order, the lazy chunks named by `lazyNames`. */
async function loadedBy(entry: string, lazyNames: string[]): Promise<Map<string, string>> {
	const loaded = new Map<string, string>();
	const load = async (file: string): Promise<string[]> => {
		if (loaded.has(file)) {
			return [];
		}

		const {code, statics, dynamics} = await importsOf(file);
		loaded.set(file, code);
		const lazy = [...dynamics];
		for (const dependency of statics) {
			lazy.push(...(await load(dependency)));
		}

		return lazy;
	};

	let lazy = await load(entry);
	for (const name of lazyNames) {
		const next = lazy.find((file) => path.basename(file).startsWith(`${name}-`));
		if (!next) {
			break;
		}

		lazy = await load(next);
	}

	return loaded;
}

async function reportChunks(): Promise<void> {
	const paths = {
		'--version': await loadedBy(cli, []),
		'wizard first frame': await loadedBy(cli, ['onboard', 'render']),
	};
	console.log('\nbundle files loaded (static imports, plus the lazy onboard and render chunks)');
	const rows = [['path', 'files', 'size', ...Object.keys(markers)]];
	for (const [name, files] of Object.entries(paths)) {
		const size = [...files.values()].reduce((sum, code) => sum + Buffer.byteLength(code), 0);
		rows.push([
			name,
			String(files.size),
			`${(size / 1024).toFixed(0)} KB`,
			...Object.values(markers).map((marker) =>
				[...files.values()].some((code) => code.includes(marker)) ? 'loaded' : '-',
			),
		]);
	}

	printTable(rows);
}
