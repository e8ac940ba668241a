import {describe, expect, it} from 'vitest';
import {rateLimitOf, retryAfterMs} from '../../source/bitbucket/rate-limit.js';

describe('rateLimitOf', () => {
	it('reads the three headers, and nothing when none is present', () => {
		expect(
			rateLimitOf({
				'x-ratelimit-limit': '1000',
				'x-ratelimit-resource': 'api-repo',
				'x-ratelimit-nearlimit': 'True',
			}),
		).toEqual({limit: 1000, resource: 'api-repo', nearLimit: true});
		expect(rateLimitOf({'x-ratelimit-nearlimit': 'false'})).toEqual({nearLimit: false});
		expect(rateLimitOf({'x-ratelimit-limit': 'lots'})).toEqual({nearLimit: false});
		expect(rateLimitOf({'content-type': 'application/json'})).toBeUndefined();
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates', () => {
		const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
		expect(retryAfterMs({'retry-after': '3'})).toBe(3000);
		expect(retryAfterMs({'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT'}, now)).toBe(30_000);
		expect(retryAfterMs({'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT'}, now)).toBe(0);
		expect(retryAfterMs({'retry-after': 'soon'})).toBeUndefined();
		expect(retryAfterMs({'retry-after': '-1'})).toBeUndefined();
		expect(retryAfterMs({})).toBeUndefined();
		expect(retryAfterMs(undefined)).toBeUndefined();
	});
});
