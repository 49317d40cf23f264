import { describe, expect, it } from 'vitest';

import { formatSince, toEpochMs } from '../../nodes/UnifiedPassthroughTrigger/poll/time';

describe('poll time', () => {
	it('reads ISO dates, Salesforce offsets, epoch seconds and milliseconds', () => {
		const ms = Date.UTC(2026, 10, 29, 8, 0, 0);
		expect(toEpochMs('2026-11-29T08:00:00.000Z')).toBe(ms);
		expect(toEpochMs('2026-11-29T08:00:00.000+0000')).toBe(ms);
		expect(toEpochMs(ms / 1000)).toBe(ms);
		expect(toEpochMs(String(ms))).toBe(ms);
		expect(toEpochMs('1764403200.000100')).toBeCloseTo(1_764_403_200_000.1, 3);
		expect(toEpochMs('')).toBeUndefined();
		expect(toEpochMs('yesterday')).toBeUndefined();
		expect(toEpochMs(null)).toBeUndefined();
	});

	it('writes the since value never later than the watermark', () => {
		expect(formatSince(1_764_403_200_999, 'unixSeconds')).toBe('1764403200');
		expect(formatSince(1_764_403_200_999.5, 'unixMs')).toBe('1764403200999');
		expect(formatSince(Date.UTC(2026, 10, 29, 8), 'iso')).toBe('2026-11-29T08:00:00.000Z');
	});
});
