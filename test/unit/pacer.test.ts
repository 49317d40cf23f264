import { describe, expect, it } from 'vitest';

import { Pacer } from '../../nodes/UnifiedPassthrough/transport/flow/pacer';

describe('Pacer', () => {
	it('lets requests start at once until a quota with a window is half used, then spaces them at its refill rate', () => {
		const pacer = new Pacer();
		pacer.onStart(0);
		pacer.onSuccess(100, { remaining: 15, limit: 20, windowMs: 1000 }, 1, 60_000);
		expect(pacer.nextStartAt()).toBe(0);
		pacer.onSuccess(110, { remaining: 9, limit: 20, windowMs: 1000 }, 1, 60_000);
		expect(pacer.spacingMs()).toBe(50);
		expect(pacer.nextStartAt()).toBe(50);
	});

	it('pauses every start for the asked Retry-After, but not for one longer than Max Wait', () => {
		const pacer = new Pacer();
		pacer.onRateLimited(1000, { askedMs: 2000, maxWaitMs: 60_000 });
		expect(pacer.nextStartAt()).toBeGreaterThanOrEqual(3000);
		const other = new Pacer();
		other.onRateLimited(1000, { askedMs: 3_600_000, maxWaitMs: 60_000 });
		expect(other.nextStartAt()).toBeLessThan(1000 + 60_000);
	});

	it('once bare 429s are a fifth of the answers, paces at a share of the rate just served, without escalating pauses', async () => {
		const pacer = new Pacer();
		for (let at = 50; at <= 1000; at += 50) pacer.onSuccess(1000 + at, undefined, 0, 60_000);
		for (let at = 2000; at < 2003; at++) pacer.onRateLimited(at, { maxWaitMs: 60_000 });
		expect(pacer.spacingMs()).toBe(0);
		pacer.onRateLimited(2003, { maxWaitMs: 60_000 });
		// 20 successes over the 953 ms before: 0.9 of that rate is one call every 52.9 ms.
		expect(pacer.spacingMs()).toBeCloseTo(953 / 18, 1);
		const pauses: number[] = [];
		for (let round = 0; round < 5; round++) {
			const at = 2010 + round * 10;
			pacer.onRateLimited(at, { maxWaitMs: 60_000 });
			pauses.push(pacer.nextStartAt() - at);
		}
		expect(Math.max(...pauses)).toBeLessThan(200);
	});

	it('a stray bare 429 pauses the connection a moment and learns nothing', () => {
		const pacer = new Pacer();
		for (let at = 0; at < 1000; at += 10) pacer.onSuccess(at, undefined, 0, 60_000);
		pacer.onRateLimited(1000, { maxWaitMs: 60_000 });
		expect(pacer.spacingMs()).toBe(0);
		expect(pacer.nextStartAt()).toBe(1100);
	});

	it('forgets a learned pace after a long time without a 429', () => {
		const pacer = new Pacer();
		for (let at = 0; at < 10; at++) pacer.onSuccess(at, undefined, 0, 60_000);
		for (let at = 10; at < 15; at++) pacer.onRateLimited(at, { maxWaitMs: 60_000 });
		expect(pacer.spacingMs()).toBeGreaterThan(0);
		pacer.onSuccess(40_000, undefined, 0, 60_000);
		expect(pacer.spacingMs()).toBe(0);
	});

	it('waits for a fixed window to reset when what is left is already in flight', () => {
		const pacer = new Pacer();
		pacer.onSuccess(0, { remaining: 2, resetMs: 5000 }, 3, 60_000);
		expect(pacer.nextStartAt()).toBe(5000);
	});

	it('never paces slower than Max Wait per call, whatever window the headers claim', () => {
		const pacer = new Pacer();
		pacer.onSuccess(0, { remaining: 0, limit: 1, windowMs: 10 ** 12 }, 0, 60_000);
		expect(pacer.spacingMs()).toBe(60_000);
		expect(pacer.nextStartAt()).toBeLessThanOrEqual(60_000);
	});
});
