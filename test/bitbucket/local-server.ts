/**
 * A tiny HTTP server on 127.0.0.1 for what the sandbox cannot do: record every request a
 * foreign origin receives, hang, stall a body, or answer a scripted status.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export type Hit = {method: string; url: string; authorization?: string};

export type LocalServer = {
	origin: string;
	hits: Hit[];
	close(): Promise<void>;
};

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Records each request, then lets `handler` answer it (default: 200 `{}`). */
export async function startLocalServer(handler?: Handler): Promise<LocalServer> {
	const hits: Hit[] = [];
	const sockets = new Set<Socket>();
	const server = createServer((request, response) => {
		hits.push({
			method: request.method ?? '',
			url: request.url ?? '',
			...(request.headers.authorization ? {authorization: request.headers.authorization} : {}),
		});
		if (handler) {
			handler(request, response);
		} else {
			response.writeHead(200, {'content-type': 'application/json'}).end('{}');
		}
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	// CONNECT requests (a proxy client opening a tunnel) are recorded and refused.
	server.on('connect', (request: IncomingMessage, socket: Socket) => {
		hits.push({method: 'CONNECT', url: request.url ?? ''});
		socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		hits,
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
	const server = await startLocalServer();
	const port = Number(new URL(server.origin).port);
	await server.close();
	return port;
}
