import { describe, expect, it } from 'vitest';

import { TokenBucket } from './tokenBucket';

describe('TokenBucket', () => {
	it('starts full: serves a burst, then refuses', () => {
		const bucket = new TokenBucket(20, 5, 0);
		const taken = Array.from({ length: 6 }, () => bucket.take(0));
		expect(taken.map((result) => result.ok)).toEqual([true, true, true, true, true, false]);
		expect(taken.map((result) => result.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
	});

	it('refills at its rate, continuously', () => {
		const bucket = new TokenBucket(20, 1, 0);
		expect(bucket.take(0).ok).toBe(true);
		expect(bucket.take(49).ok).toBe(false); // 49 ms at 20/s: 0.98 of a token
		expect(bucket.waitMs(49)).toBe(1);
		expect(bucket.take(50).ok).toBe(true);
		expect(bucket.waitMs(50)).toBe(50);
	});

	it('never holds more than its burst, however long it idles', () => {
		const bucket = new TokenBucket(100, 3, 0);
		const taken = Array.from({ length: 5 }, () => bucket.take(60_000).ok);
		expect(taken).toEqual([true, true, true, false, false]);
	});

	it('serves rate x seconds + burst calls over a stretch of time, whatever the arrival pattern', () => {
		const bucket = new TokenBucket(20, 20, 0);
		let served = 0;
		// Five calls every 10 ms for 2 s: 1,000 attempts.
		for (let now = 0; now < 2000; now += 10) {
			for (let call = 0; call < 5; call++) if (bucket.take(now).ok) served++;
		}
		// 20 at once, then one per 50 ms for 1,990 ms.
		expect(served).toBe(20 + 39);
	});

	it('does not refill when the clock goes back', () => {
		const bucket = new TokenBucket(10, 1, 1000);
		expect(bucket.take(1000).ok).toBe(true);
		expect(bucket.take(500).ok).toBe(false);
		expect(bucket.take(1099).ok).toBe(false);
		expect(bucket.take(1100).ok).toBe(true);
	});

	it('fills up again on demand', () => {
		const bucket = new TokenBucket(1, 2, 0);
		bucket.take(0);
		bucket.take(0);
		bucket.fill(0);
		expect(bucket.take(0)).toEqual({ ok: true, remaining: 1 });
	});

	it.each([
		[0, 1],
		[-1, 1],
		[Number.NaN, 1],
		[10, 0.5],
		[10, Number.POSITIVE_INFINITY],
	])('refuses rate %s with burst %s', (rate, burst) => {
		expect(() => new TokenBucket(rate, burst, 0)).toThrow(RangeError);
	});
});
