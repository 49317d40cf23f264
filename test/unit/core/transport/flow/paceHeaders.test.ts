import { describe, expect, it } from 'vitest';

import {
	readDailyUsage,
	readPace,
} from '../../../../../nodes/Unified/core/transport/flow/paceHeaders';

describe('readPace', () => {
	it("reads HubSpot's quota with its window", () => {
		expect(
			readPace({
				'x-hubspot-ratelimit-max': '100',
				'x-hubspot-ratelimit-remaining': '42',
				'x-hubspot-ratelimit-interval-milliseconds': '10000',
			}),
		).toEqual({ remaining: 42, limit: 100, windowMs: 10_000 });
	});

	it('reads X-RateLimit-Reset as seconds from now, or as an epoch date in seconds or milliseconds', () => {
		const now = 1_800_000_000_000;
		const base = { 'x-ratelimit-remaining': '3', 'x-ratelimit-limit': '60' };
		expect(readPace({ ...base, 'x-ratelimit-reset': '30' }, now)?.resetMs).toBe(30_000);
		expect(readPace({ ...base, 'x-ratelimit-reset': String(now / 1000 + 12) }, now)?.resetMs).toBe(
			12_000,
		);
		expect(readPace({ ...base, 'x-ratelimit-reset': String(now + 5000) }, now)?.resetMs).toBe(5000);
	});

	it('reads the IETF fields in the shapes of its drafts', () => {
		expect(
			readPace({ 'ratelimit-limit': '10', 'ratelimit-remaining': '4', 'ratelimit-reset': '7' }),
		).toEqual({ remaining: 4, limit: 10, resetMs: 7000 });
		expect(readPace({ ratelimit: 'limit=10, remaining=4, reset=7' })).toEqual({
			remaining: 4,
			limit: 10,
			resetMs: 7000,
		});
		expect(
			readPace({
				ratelimit: '"burst";r=40;t=1, "daily";r=3;t=3600',
				'ratelimit-policy': '"burst";q=50;w=1, "daily";q=1000;w=86400',
			}),
		).toEqual({ remaining: 3, resetMs: 3_600_000, limit: 1000, windowMs: 86_400_000 });
	});

	it('ignores what is not a whole number, and fields too long to be honest', () => {
		expect(readPace({ 'x-ratelimit-remaining': '-1' })).toBeUndefined();
		expect(readPace({ 'x-ratelimit-remaining': '1e3' })).toBeUndefined();
		expect(readPace({ 'x-hubspot-ratelimit-remaining': '5'.repeat(2000) })).toBeUndefined();
		expect(readPace({ ratelimit: `${'r=1;'.repeat(10_000)}` })).toBeUndefined();
		expect(readPace({})).toBeUndefined();
	});
});

describe('readDailyUsage', () => {
	it("reads Salesforce's Sforce-Limit-Info", () => {
		expect(readDailyUsage({ 'sforce-limit-info': 'api-usage=14000/15000' })).toEqual({
			used: 14000,
			max: 15000,
		});
		expect(readDailyUsage({ 'sforce-limit-info': 'api-usage=1/0' })).toBeUndefined();
		expect(readDailyUsage({})).toBeUndefined();
	});
});
