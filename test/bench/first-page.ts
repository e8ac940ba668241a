/**
 * The start → first page measurement of the commit browser benchmark, made to charge the CLI
 * only with its own cost:
 *
 * - The sandbox runs in its own process (the built dist/sandbox.js), warmed by one pass of the
 *   browser's requests before timing, so serving them does not share this process's event
 *   loop with the pseudo-terminal being timed.
 * - Node's start-up is measured the way the CLI is: `node -e` writing one character, in the
 *   same pseudo-terminal (script(1)), from spawn to that character on this side.
 * - The API is timed as the CLI meets it: the branches and repository requests at once, then
 *   the first page of commits once the repository is in (the warm start's order).
 * - CPU: user + system time of the node process (all its threads) when the awaited text
 *   appears, from /proc (10 ms ticks); it moves less with the machine's load than wall time.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import path from 'node:path';

export type ExternalSandbox = {
	apiUrl: string;
	gitUrl: string;
	token: string;
	close(): Promise<void>;
};

/** Starts dist/sandbox.js in a child process serving `gitDir` as acme/bench. */
export async function startSandboxProcess(gitDir: string): Promise<ExternalSandbox> {
	const sandboxModule = path.resolve('dist/sandbox.js');
	const program = `
		import {startSandbox} from ${JSON.stringify(sandboxModule)};
		const sandbox = await startSandbox({
			env: process.env,
			extraRepositories: [{workspace: 'acme', slug: 'bench', gitDir: ${JSON.stringify(gitDir)}, project: 'TOOLS'}],
			rateLimit: {limit: 1_000_000_000},
		});
		console.log(JSON.stringify({apiUrl: sandbox.apiUrl, gitUrl: sandbox.gitUrl, token: sandbox.tokens.workspaceRead}));
		process.stdin.resume();
		process.stdin.on('end', () => sandbox.close().then(() => process.exit(0)));
	`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const first = await new Promise<string>((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (output.includes('\n')) {
				resolve(output.split('\n')[0]!);
			}
		});
		child.once('close', (code) => reject(new Error(`the sandbox exited with ${code}`)));
	});
	const {apiUrl, gitUrl, token} = JSON.parse(first) as Omit<ExternalSandbox, 'close'>;
	return {
		apiUrl,
		gitUrl,
		token,
		close: async () => {
			const closed = new Promise((resolve) => child.once('close', resolve));
			child.stdin.end();
			await closed;
		},
	};
}

/** The requests on the first page's critical path, in the browser's order; ms to the page. */
export async function apiAsMet(sandbox: ExternalSandbox): Promise<number> {
	const headers = {authorization: `Bearer ${sandbox.token}`};
	const get = async (route: string) =>
		(await fetch(`${sandbox.apiUrl}/repositories/acme/bench${route}`, {headers})).json();
	const started = performance.now();
	await Promise.all([
		get('/refs/branches?pagelen=100'),
		get('').then(() => get('/commits/main?pagelen=100')),
	]);
	return performance.now() - started;
}

export type PtyTiming = {wallMs: number; cpuMs: number};

/**
 * Runs `command` (a node invocation, exec'd by the shell so it is script's child) in a
 * pseudo-terminal until `until` matches its output; then writes `quit` and waits for it.
 */
export function timeInPty(
	command: string,
	env: NodeJS.ProcessEnv,
	until: RegExp,
	quit = 'q',
): Promise<PtyTiming> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn('script', ['-qec', `exec ${command}`, '/dev/null'], {
			env: {PATH: process.env.PATH, TERM: 'xterm-256color', ...env},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let output = '';
		let timing: Promise<PtyTiming> | undefined;
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
			if (timing === undefined && until.test(output)) {
				const wallMs = performance.now() - started;
				timing = cpuOfChild(child).then((cpuMs) => {
					child.stdin.write(quit);
					return {wallMs, cpuMs};
				});
			}
		});
		const timer = setTimeout(() => child.kill(), 20_000);
		child.on('close', () => {
			clearTimeout(timer);
			if (timing === undefined) {
				reject(new Error(`never drew ${until}:\n${output}`));
			} else {
				timing.then(resolve, reject);
			}
		});
	});
}

/** User + system CPU of script's child (the exec'd node), in ms. */
async function cpuOfChild(script: ChildProcess): Promise<number> {
	const children = await readFile(`/proc/${script.pid}/task/${script.pid}/children`, 'utf8');
	const pid = children.trim().split(' ')[0];
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces) start at the state, field 3.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const ticks = Number(fields[11]) + Number(fields[12]);
	return ticks * 10;
}
