/**
 * Test helpers for the sandbox: the native git CLI with a token passed through the
 * environment (never argv, never a config file, never printed), and REST calls.
 */
import {execFile} from 'node:child_process';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

export type GitResult = {code: number; stdout: string; stderr: string};

export type GitOptions = {
	cwd?: string;
	/** Sent as an `http.extraHeader` (GIT_CONFIG_* variables), or answered by GIT_ASKPASS with `askpass`. */
	token?: string;
	/** Answer git's password prompt (after a 401) instead of sending the header up front. */
	askpass?: boolean;
	/** A throwaway HOME (see temporaryDirectory), also holding the askpass script. */
	home: string;
	/** Standard input (e.g. a fast-import stream). */
	input?: string;
	/** GIT_TRACE_CURL into stderr (git redacts the Authorization header there). */
	trace?: boolean;
};

/** Runs git without the machine's config, the token passed through the environment only. */
export async function runGit(args: readonly string[], options: GitOptions): Promise<GitResult> {
	let credentials: Record<string, string> = {};
	if (options.token !== undefined && options.askpass === true) {
		credentials = {
			GIT_ASKPASS: await askpassScript(options.home),
			SANDBOX_TEST_TOKEN: options.token,
		};
	} else if (options.token !== undefined) {
		credentials = {
			GIT_CONFIG_COUNT: '1',
			GIT_CONFIG_KEY_0: 'http.extraHeader',
			GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(`x-token-auth:${options.token}`).toString('base64')}`,
		};
	}

	return new Promise((resolve) => {
		const child = execFile(
			'git',
			[...args],
			{
				cwd: options.cwd,
				env: {
					PATH: process.env.PATH,
					HOME: options.home,
					GIT_CONFIG_NOSYSTEM: '1',
					GIT_TERMINAL_PROMPT: '0',
					GIT_AUTHOR_NAME: 'Sandbox Test',
					GIT_AUTHOR_EMAIL: 'sandbox-test@example.invalid',
					GIT_COMMITTER_NAME: 'Sandbox Test',
					GIT_COMMITTER_EMAIL: 'sandbox-test@example.invalid',
					LC_ALL: 'C',
					...(options.trace === true ? {GIT_TRACE_CURL: '1', GIT_TRACE_CURL_NO_DATA: '1'} : {}),
					...credentials,
				},
				maxBuffer: 64 * 1024 * 1024,
			},
			(error, stdout, stderr) => {
				const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
				resolve({code, stdout: stdout.trim(), stderr: stderr.trim()});
			},
		);
		child.stdin?.end(options.input);
	});
}

/** Like runGit, but rejects (with stderr) on a non-zero exit and resolves with stdout. */
export async function git(args: readonly string[], options: GitOptions): Promise<string> {
	const result = await runGit(args, options);
	if (result.code !== 0) {
		throw new Error(`git ${args[0]} exited ${result.code}: ${result.stderr}`);
	}

	return result.stdout;
}

/** What a password prompt does: prints the token git asks for (from the environment). */
async function askpassScript(home: string): Promise<string> {
	const script = path.join(home, 'askpass.sh');
	await writeFile(script, '#!/bin/sh\nprintf "%s\\n" "$SANDBOX_TEST_TOKEN"\n');
	await chmod(script, 0o755);
	return script;
}

export type ApiResponse = {status: number; headers: Headers; body: Record<string, unknown>};

/** GET on the API with `Authorization: Bearer <token>` (none without a token); follows no redirect. */
export async function apiGet(url: string, token?: string): Promise<ApiResponse> {
	const response = await fetch(url, {
		headers: token === undefined ? {} : {Authorization: `Bearer ${token}`},
		redirect: 'manual',
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
	};
}

export async function temporaryDirectory(
	prefix: string,
): Promise<{path: string; remove: () => Promise<void>}> {
	const directory = await mkdtemp(path.join(tmpdir(), prefix));
	return {path: directory, remove: () => rm(directory, {recursive: true, force: true})};
}

/** POST of a JSON body on the API with `Authorization: Bearer <token>`. */
export async function apiPost(url: string, token: string, body: unknown): Promise<ApiResponse> {
	const response = await fetch(url, {
		method: 'POST',
		headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
	};
}
