/**
 * What the benchmarks share: running a command as a child process and reading its wall
 * time and peak RSS, command-line options, medians, and a plain table for the results.
 */
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';

export type Sample = {wallMs: number; peakRssBytes?: number; cpuMs?: number; stdout: string};

/** GNU time reports the peak RSS of the child (and of the largest process it waited for). */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

export const hasPeakRss = gnuTime !== undefined;

export async function measure(
	command: string,
	args: readonly string[],
	options: {env?: NodeJS.ProcessEnv; cwd?: string; input?: string} = {},
): Promise<Sample> {
	const [file, fullArgs] = gnuTime
		? [gnuTime, ['-f', 'peak-rss-kb=%M cpu-s=%U+%S', command, ...args]]
		: [command, [...args]];
	const started = performance.now();
	const child = spawn(file, fullArgs, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
	});
	child.stdin?.end(options.input);
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk) => {
		stdout += chunk;
	});
	child.stderr!.on('data', (chunk) => {
		stderr += chunk;
	});
	const code = await new Promise<number | null>((done) => child.on('close', done));
	const wallMs = performance.now() - started;
	if (code !== 0) {
		throw new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
	}

	const rss = /peak-rss-kb=(\d+)/.exec(stderr)?.[1];
	const cpu = /cpu-s=([\d.]+)\+([\d.]+)/.exec(stderr);
	return {
		wallMs,
		...(rss ? {peakRssBytes: Number(rss) * 1024} : {}),
		...(cpu ? {cpuMs: (Number(cpu[1]) + Number(cpu[2])) * 1000} : {}),
		stdout,
	};
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `--name value` from the command line, or the fallback. */
export function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1]! : fallback;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ratio = (value: number) => `${value.toFixed(2)}x`;

/** Prints rows as left-aligned columns. */
export function printTable(rows: readonly (readonly string[])[]): void {
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	for (const row of rows) {
		console.log(
			row
				.map((cell, column) => cell.padEnd(widths[column]!))
				.join('  ')
				.trimEnd(),
		);
	}
}
