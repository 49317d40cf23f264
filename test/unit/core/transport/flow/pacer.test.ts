import { describe, expect, it } from 'vitest';

import { Pacer } from '../../../../../nodes/Unified/core/transport/flow/pacer';

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

describe('Pacer: the least pause after a 429', () => {
	const ROUNDS = [100, 200, 400, 800, 1000, 1000];

	for (const [name, askedMs] of [
		['Retry-After: 0', 0],
		['retry-after-ms: 0', 0],
		['an HTTP-date already past', 0],
		['Retry-After: 0.01', 10],
	] as const) {
		it(`${name} is never a resend sooner than 0.1 s, doubling per round of 429s up to 1 s`, () => {
			const pacer = new Pacer();
			let sentAt = 0;
			const pauses = ROUNDS.map((_, round) => {
				const at = 1000 * (round + 1);
				pacer.onRateLimited(at, { askedMs, maxWaitMs: 60_000, sentAt });
				sentAt = at;
				return pacer.nextStartAt() - at;
			});
			expect(pauses).toEqual(ROUNDS);
		});
	}

	it('holds whatever the Max Wait of the call that got it, 0 included', () => {
		for (const pushback of [{ askedMs: 0, maxWaitMs: 0 }, { maxWaitMs: 0 }]) {
			const pacer = new Pacer();
			pacer.onRateLimited(1000, pushback);
			expect(pacer.nextStartAt()).toBe(1100);
		}
	});

	it('a 429 with only quota headers that say go at once still pauses the floor', () => {
		const pacer = new Pacer();
		pacer.onRateLimited(1000, {
			pace: { remaining: 5, limit: 10, windowMs: 1000 },
			maxWaitMs: 60_000,
		});
		expect(pacer.nextStartAt()).toBeGreaterThanOrEqual(1100);
	});

	it('the 429s of one burst (sent before the last one came back) are one round; a success starts over', () => {
		const pacer = new Pacer();
		pacer.onRateLimited(1000, { askedMs: 0, maxWaitMs: 60_000, sentAt: 990 });
		for (let at = 1001; at < 1010; at++)
			pacer.onRateLimited(at, { askedMs: 0, maxWaitMs: 60_000, sentAt: 995 });
		expect(pacer.floorMs()).toBe(100);
		pacer.onRateLimited(1200, { askedMs: 0, maxWaitMs: 60_000, sentAt: 1110 });
		expect(pacer.floorMs()).toBe(200);
		pacer.onSuccess(1500, undefined, 0, 60_000);
		pacer.onRateLimited(1600, { askedMs: 0, maxWaitMs: 60_000, sentAt: 1550 });
		expect(pacer.nextStartAt()).toBe(1700);
	});

	it('a longer Retry-After is kept as asked', () => {
		const pacer = new Pacer();
		pacer.onRateLimited(1000, { askedMs: 5000, maxWaitMs: 60_000 });
		expect(pacer.nextStartAt()).toBe(6000);
	});
});
