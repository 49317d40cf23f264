import { describe, expect, it } from 'vitest';

import {
	AdaptiveLimit,
	AUTO_CEILING,
	INITIAL_LIMIT,
} from '../../../../../nodes/Unified/core/transport/flow/adaptiveLimit';

describe('AdaptiveLimit', () => {
	it('starts low and doubles per round trip of saturated successes, up to the ceiling', () => {
		const limit = new AdaptiveLimit();
		expect(limit.current).toBe(INITIAL_LIMIT);
		for (let call = 0; call < INITIAL_LIMIT; call++) limit.onSuccess(100, true, call);
		expect(limit.current).toBe(2 * INITIAL_LIMIT);
		for (let call = 0; call < 1000; call++) limit.onSuccess(100, true, call);
		expect(limit.current).toBe(AUTO_CEILING);
	});

	it('does not grow while the limit is not what holds requests back', () => {
		const limit = new AdaptiveLimit();
		for (let call = 0; call < 100; call++) limit.onSuccess(100, false, call);
		expect(limit.current).toBe(INITIAL_LIMIT);
	});

	it('halves on pushback once per round trip, then grows by one per round trip', () => {
		const limit = new AdaptiveLimit(64, 32);
		limit.onSuccess(100, false, 0);
		limit.onOverload(1000);
		limit.onOverload(1010); // the same burst of 429s
		expect(limit.current).toBe(16);
		limit.onOverload(1200);
		expect(limit.current).toBe(8);
		for (let call = 0; call < 9; call++) limit.onSuccess(100, true, 2000 + call);
		expect(limit.current).toBe(9);
	});

	it('cuts when latency doubles its long-run average, never below one', () => {
		const limit = new AdaptiveLimit(64, 20);
		let now = 0;
		for (let call = 0; call < 50; call++) limit.onSuccess(100, false, (now += 10));
		expect(limit.current).toBe(20);
		for (let call = 0; call < 200; call++) limit.onSuccess(1000, false, (now += 1000));
		expect(limit.current).toBeLessThan(20);
		expect(limit.current).toBeGreaterThanOrEqual(1);
	});
});
