/**
 * A bare-bones smart-HTTP git server (the real `git http-backend` behind node:http) that
 * serves every bare repository under one folder at /NAME.git, for the clone benchmark and
 * the pack tests when the full sandbox is not wanted.
 */
import {spawn, spawnSync} from 'node:child_process';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';

export type GitServer = {url: string; close(): Promise<void>};

const backend = path.join(
	spawnSync('git', ['--exec-path'], {encoding: 'utf8'}).stdout.trim(),
	'git-http-backend',
);

export async function startGitServer(root: string): Promise<GitServer> {
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const child = spawn(backend, [], {
			env: {
				PATH: process.env.PATH ?? '',
				GIT_PROJECT_ROOT: root,
				GIT_HTTP_EXPORT_ALL: '1',
				GIT_CONFIG_NOSYSTEM: '1',
				GIT_CONFIG_GLOBAL: '/dev/null',
				REQUEST_METHOD: request.method ?? 'GET',
				PATH_INFO: decodeURIComponent(url.pathname),
				QUERY_STRING: url.search.slice(1),
				CONTENT_TYPE: request.headers['content-type'] ?? '',
				HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
				HTTP_GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
				REMOTE_ADDR: '127.0.0.1',
			},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		request.pipe(child.stdin);
		relayCgi(child.stdout, response);
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise((closed) => {
				server.closeAllConnections();
				server.close(() => closed());
			}),
	};
}

/** Turns CGI output (headers, blank line, body) into the HTTP response. */
function relayCgi(output: NodeJS.ReadableStream, response: import('node:http').ServerResponse) {
	let head = Buffer.alloc(0);
	const onData = (chunk: Buffer) => {
		head = Buffer.concat([head, chunk]);
		const end = head.indexOf('\r\n\r\n');
		if (end < 0) {
			return;
		}

		output.off('data', onData);
		let status = 200;
		for (const headerLine of head.subarray(0, end).toString('latin1').split('\r\n')) {
			const colon = headerLine.indexOf(':');
			const name = headerLine.slice(0, colon).trim();
			const value = headerLine.slice(colon + 1).trim();
			if (name.toLowerCase() === 'status') {
				status = Number.parseInt(value, 10);
			} else {
				response.setHeader(name, value);
			}
		}

		response.writeHead(status);
		response.write(head.subarray(end + 4));
		output.pipe(response);
	};
	output.on('data', onData);
}
