/**
 * The browser on the real client against the sandbox: a 429 shows its wait and the list
 * resumes by itself; the first page is drawn from real API data.
 */
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {BitbucketClient} from '../../../source/bitbucket/client.js';
import {createDispatcher} from '../../../source/bitbucket/http.js';
import {RequestWatch} from '../../../source/commits/request-watch.js';
import {type Sandbox, startSandbox} from '../../../source/sandbox/index.js';
import {CommitBrowser} from '../../../source/ui/commit-browser/index.js';
import {renderInk} from '../../helpers/render.js';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({env: process.env});
});

afterAll(async () => {
	await sandbox.close();
});

describe('CommitBrowser on the sandbox', () => {
	it('shows a 429 wait and resumes when it is over', async () => {
		const watch = new RequestWatch();
		const client = new BitbucketClient({
			apiUrl: sandbox.apiUrl,
			token: sandbox.tokens.repoRead,
			dispatcher: watch.wrap(createDispatcher({env: {}})),
		});
		sandbox.setFaults({api: {status: 429, times: 1, retryAfterSeconds: 1}});
		const ink = await renderInk(
			<CommitBrowser
				client={client}
				repoRef={{workspace: 'acme', repo: 'widget'}}
				branch="develop"
				requestWatch={watch}
				height={10}
				onExit={vi.fn()}
				copy={() => {}}
			/>,
		);
		await ink.waitFor('⚠ rate limited by Bitbucket: resuming in 1 s');
		const frame = await ink.waitFor('[develop]', {timeoutMs: 10_000});
		expect(frame).not.toContain('rate limited');
		expect(frame).toContain('1/100 · more on scroll');
	});
});
