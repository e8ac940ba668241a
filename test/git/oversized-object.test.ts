/**
 * A hostile or broken server's pack whose entry declares an object larger than a clone can
 * hold (issue 14, oversized objects). A git server of a few lines answers the ref
 * advertisement and then sends a crafted pack: an entry header declaring 5 GiB and then
 * nothing more, the connection left open, so a clone that waited for the entry's bytes
 * would hang; or an ofs-delta whose result declares 3 GiB. The clone is refused at once
 * with one line, exit 1, nothing left behind. The real git fails on the same packs.
 */
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {createServer, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {deflateSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {BbtokError, ExitCode} from '../../source/core/errors.js';
import {cloneRepository} from '../../source/git/clone.js';
import {testDispatcher} from '../helpers/dispatcher.js';

const head = 'a'.repeat(40);
const pkt = (text: string | Buffer) => {
	const body = typeof text === 'string' ? Buffer.from(text) : text;
	return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
};

/** A pack entry header: kind and inflated size (Documentation/gitformat-pack.txt). */
function entryHeader(kind: number, size: number): Buffer {
	const bytes = [(kind << 4) | (size % 16)];
	let rest = Math.floor(size / 16);
	while (rest > 0) {
		bytes[bytes.length - 1]! |= 0x80;
		bytes.push(rest % 128);
		rest = Math.floor(rest / 128);
	}

	return Buffer.from(bytes);
}

function deltaSize(size: number): Buffer {
	const bytes: number[] = [];
	let rest = size;
	do {
		bytes.push((rest % 128) | (rest >= 128 ? 0x80 : 0));
		rest = Math.floor(rest / 128);
	} while (rest > 0);
	return Buffer.from(bytes);
}

function packHeader(count: number): Buffer {
	const header = Buffer.from('PACK\0\0\0\x02\0\0\0\0', 'latin1');
	header.writeUInt32BE(count, 8);
	return header;
}

/** A whole pack: a blob "a", then an ofs-delta on it declaring a 3 GiB result. */
function deltaPack(): Buffer {
	const blob = Buffer.concat([entryHeader(3, 1), deflateSync('a')]);
	const delta = Buffer.concat([deltaSize(1), deltaSize(3 * 2 ** 30), Buffer.from([0x01, 0x61])]);
	const ofs = Buffer.concat([entryHeader(6, delta.length), Buffer.from([blob.length])]);
	const body = Buffer.concat([packHeader(2), blob, ofs, deflateSync(delta)]);
	return Buffer.concat([body, createHash('sha1').update(body).digest()]);
}

/** The start of a pack whose only entry declares 5 GiB: no data follows, none is needed. */
const hugeEntryStart = Buffer.concat([packHeader(1), entryHeader(3, 5 * 2 ** 30)]);

const packs: Record<string, {bytes: Buffer; end: boolean}> = {
	huge: {bytes: hugeEntryStart, end: false},
	delta: {bytes: deltaPack(), end: true},
};

let server: Server;
let gitUrl: string;
let root: string;
const open = new Set<ServerResponse>();

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'bbtok-oversized-'));
	server = createServer((request, response) => {
		const name = /^\/acme\/(\w+)\.git\//.exec(request.url ?? '')?.[1] ?? '';
		if (request.method === 'GET') {
			response.setHeader('content-type', 'application/x-git-upload-pack-advertisement');
			response.end(
				Buffer.concat([
					pkt('# service=git-upload-pack\n'),
					Buffer.from('0000'),
					pkt(`${head} HEAD\0side-band-64k ofs-delta symref=HEAD:refs/heads/main\n`),
					pkt(`${head} refs/heads/main\n`),
					Buffer.from('0000'),
				]),
			);
			return;
		}

		request.resume();
		request.on('end', () => {
			const pack = packs[name]!;
			response.setHeader('content-type', 'application/x-git-upload-pack-result');
			response.write(
				Buffer.concat([pkt('NAK\n'), pkt(Buffer.concat([Buffer.from([1]), pack.bytes]))]),
			);
			if (pack.end) response.end(Buffer.from('0000'));
			else open.add(response);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	gitUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const response of open) response.destroy();
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve));
	await rm(root, {recursive: true, force: true});
});

async function refusal(repo: string): Promise<BbtokError> {
	const dir = path.join(root, repo);
	const error = await cloneRepository({
		dir,
		gitUrl,
		ref: {workspace: 'acme', repo},
		token: 'not-a-real-token',
		auth: 'prompt',
		dispatcher: testDispatcher,
	}).then(
		() => undefined,
		(failure: unknown) => failure,
	);
	expect(error).toBeInstanceOf(BbtokError);
	expect(await readdir(root)).not.toContain(repo);
	return error as BbtokError;
}

/** What the real git's index-pack says of the same bytes (it must fail too). */
function nativeIndexPack(bytes: Buffer): Promise<{code: number | null; stderr: string}> {
	return new Promise((resolve) => {
		const child = spawn('git', ['index-pack', '--stdin'], {
			cwd: root,
			env: {PATH: process.env.PATH, GIT_DIR: path.join(root, 'native.git'), LC_ALL: 'C'},
		});
		let stderr = '';
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		child.on('close', (code) => resolve({code, stderr}));
		child.stdin.on('error', () => undefined);
		child.stdin.end(bytes);
	});
}

describe('oversized objects', () => {
	it('refuses an entry declaring 5 GiB as soon as its header arrives, leaving nothing', async () => {
		const error = await refusal('huge');
		expect(error.exitCode).toBe(ExitCode.failure);
		expect(error.hint).toBeUndefined();
		expect(error.message).toBe(
			'Refused to clone acme/huge for safety: object 1 of its pack declares 5.0 GiB, over the 2.0 GiB a clone takes for one object; nothing was written.',
		);
	}, 20_000);

	it('refuses a delta whose result declares 3 GiB, leaving nothing; the real git fails on it too', async () => {
		const error = await refusal('delta');
		expect(error.message).toBe(
			'Refused to clone acme/delta for safety: object 2 of its pack declares 3.0 GiB, over the 2.0 GiB a clone takes for one object; nothing was written.',
		);
		await spawnInit();
		const native = await nativeIndexPack(deltaPack());
		expect(native.code).not.toBe(0);
	});
});

function spawnInit(): Promise<void> {
	return new Promise((resolve, reject) => {
		spawn('git', ['init', '-q', '--bare', path.join(root, 'native.git')]).on('close', (code) =>
			code === 0 ? resolve() : reject(new Error(`git init exited with ${code}`)),
		);
	});
}
