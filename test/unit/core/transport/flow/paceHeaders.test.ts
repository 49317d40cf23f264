import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
	quotaWarnings,
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

describe('quotaWarnings', () => {
	const usage = (value: string | string[]) => quotaWarnings({ 'sforce-limit-info': value });

	it("warns above 90% of Salesforce's daily API calls, not at it", () => {
		expect(usage('api-usage=13500/15000')).toEqual([]);
		expect(usage('api-usage=14500/15000')).toEqual([
			{
				key: 'daily-usage',
				message:
					'Salesforce reports 14500 of 15000 daily API calls used (97%); at 100% it refuses calls until the 24-hour window moves on',
			},
		]);
		expect(usage('api-usage=16000/15000')[0].message).toMatch(/16000 of 15000 .* \(107%\)/);
		expect(usage(['api-usage=15000/15000', 'api-usage=1/15000'])).toHaveLength(1);
	});

	it('says nothing about headers it cannot read', () => {
		for (const value of [
			'api-usage=1/0',
			'api-usage=abc/15000',
			'api-usage=-14999/15000',
			'api-usage=1e9/15000',
			`api-usage=14999/15000${' '.repeat(2000)}`,
			'',
		]) {
			expect(usage(value), JSON.stringify(value.slice(0, 40))).toEqual([]);
		}
		expect(quotaWarnings({ 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '100' })).toEqual([]);
		expect(quotaWarnings({})).toEqual([]);
	});
});

describe('header dialects live here', () => {
	it('the generic flow control names no API: it hears them through readPace and quotaWarnings', () => {
		const flowDir = join(__dirname, '../../../../../nodes/Unified/core/transport/flow');
		for (const file of [
			'connectionFlow.ts',
			'pacer.ts',
			'adaptiveLimit.ts',
			'executionBudget.ts',
		]) {
			expect(readFileSync(join(flowDir, file), 'utf8'), file).not.toMatch(
				/salesforce|sforce|hubspot|slack/i,
			);
		}
	});
});
