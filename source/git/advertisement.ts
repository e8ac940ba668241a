/**
 * The upload-pack advertisement the token check fetched, kept for the clone that follows:
 * isomorphic-git's clone asks for the same `info/refs` first, and answering it from what
 * arrived a moment ago saves that round trip (a git process on the server, and the network's
 * latency: on Bitbucket a request is ~0.1–0.3 s away). An answer older than maxAgeMs is not
 * used: a wizard that waited on its options asks the server again.
 */
import type {GitHttpRequest, GitHttpResponse, HttpClient} from 'isomorphic-git';

export type Advertisement = {
	readonly url: string;
	readonly response: Omit<GitHttpResponse, 'body'>;
	readonly body: readonly Uint8Array[];
	/** Date.now() when it arrived. */
	readonly receivedAt: number;
};

export const maxAgeMs = 10_000;

const service = '/info/refs?service=git-upload-pack';

function isUploadPackAdvertisement(request: GitHttpRequest): boolean {
	return (request.method ?? 'GET') === 'GET' && request.url.endsWith(service);
}

/** `http`, telling `keep` each upload-pack advertisement it read to the end. */
export function recordingAdvertisement(
	http: HttpClient,
	keep: (advertisement: Advertisement) => void,
): HttpClient {
	return {
		async request(request) {
			const response = await http.request(request);
			if (!isUploadPackAdvertisement(request) || !response.body) return response;
			const {body, ...rest} = response;
			const chunks: Uint8Array[] = [];
			async function* teed() {
				for await (const chunk of body!) {
					chunks.push(chunk);
					yield chunk;
				}

				keep({url: request.url, response: rest, body: chunks, receivedAt: Date.now()});
			}

			return {...rest, body: teed()};
		},
	};
}

/** `http`, answering its first request for `advertisement`'s URL from it while it is fresh. */
export function replayingAdvertisement(
	http: HttpClient,
	advertisement: Advertisement | undefined,
	now = Date.now,
): HttpClient {
	let unused = advertisement;
	return {
		async request(request) {
			const saved = unused;
			if (saved && isUploadPackAdvertisement(request) && request.url === saved.url) {
				unused = undefined;
				if (now() - saved.receivedAt <= maxAgeMs) {
					return {...saved.response, body: replay(saved.body)};
				}
			}

			return http.request(request);
		},
	};
}

async function* replay(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
	yield* chunks;
}
