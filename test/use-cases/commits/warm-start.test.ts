/** The warm start hands its first page to the browser once it is in, and only once. */
import {expect, it} from 'vitest';
import {defaultPagelen} from '../../../source/commits/feed.js';
import {warmStart} from '../../../source/use-cases/commits/warm-start.js';
import {FakeCommitsApi} from '../../commits/fake-api.js';

const ref = {workspace: 'acme', repo: 'widget'};
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

it('has no first page before the answers are in', () => {
	const warm = warmStart(new FakeCommitsApi({latencyMs: 20}), ref, undefined);
	expect(warm.takeFirstPage()).toBeUndefined();
});

it("hands over the main branch's first page once; the browser's own calls then go to the API", async () => {
	const api = new FakeCommitsApi({mainBranch: 'trunk', branches: {trunk: 150}});
	const warm = warmStart(api, ref, undefined);
	await settle();
	const first = warm.takeFirstPage();
	expect(first?.revision).toBe('trunk');
	expect(first?.page.values).toHaveLength(defaultPagelen);
	expect(warm.takeFirstPage()).toBeUndefined();

	await warm.api.getRepository(ref);
	await warm.api.listCommits(ref, {revision: 'trunk', pagelen: defaultPagelen});
	expect(api.callsOf('getRepository')).toHaveLength(2);
	expect(api.callsOf('listCommits')).toHaveLength(2);
});

it('keeps the first page for the API calls once the browser has asked for it', async () => {
	const api = new FakeCommitsApi();
	const warm = warmStart(api, ref, 'develop');
	const asked = warm.api.listCommits(ref, {revision: 'develop', pagelen: defaultPagelen});
	await settle();
	expect(warm.takeFirstPage()).toBeUndefined();
	expect((await asked).values[0]?.message).toContain('#0 on develop');
	expect(api.callsOf('listCommits')).toHaveLength(1);
});
