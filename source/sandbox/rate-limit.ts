/**
 * Bitbucket's hourly request budget for `/2.0/repositories/*`, counted per token (per
 * client address for anonymous calls), with the headers Bitbucket sends.
 */

const windowMs = 60 * 60 * 1000;

export type RateLimitVerdict = {
	headers: Record<string, string>;
	/** Seconds until the window resets, when the budget is spent. */
	exhaustedFor?: number;
};

export class RateLimiter {
	private readonly windows = new Map<string, {start: number; used: number}>();

	constructor(private readonly limit: number) {}

	/** Counts one request for `key` and says whether it may proceed. */
	take(key: string, now = Date.now()): RateLimitVerdict {
		let window = this.windows.get(key);
		if (window === undefined || now - window.start >= windowMs) {
			window = {start: now, used: 0};
			this.windows.set(key, window);
		}

		const headers = (remaining: number): Record<string, string> => ({
			'X-RateLimit-Limit': String(this.limit),
			'X-RateLimit-Resource': 'api-repositories',
			'X-RateLimit-NearLimit': String(remaining < this.limit * 0.05),
		});
		if (window.used >= this.limit) {
			return {
				headers: headers(0),
				exhaustedFor: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
			};
		}

		window.used++;
		return {headers: headers(this.limit - window.used)};
	}
}
