import { describe, expect, it } from 'vitest';

import {
	formatSince,
	MAX_AHEAD_MS,
	toEpochMs,
	unusableTime,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/time';

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

	it('says why a record time cannot be used: outside the Date range, or more than 5 minutes after the poll began', () => {
		const now = Date.UTC(2026, 10, 29, 8);
		for (const usable of [now, now - 1e12, now + MAX_AHEAD_MS, 0, -8.64e15])
			expect(unusableTime(usable, now), String(usable)).toBeUndefined();
		expect(unusableTime(now + MAX_AHEAD_MS + 1, now)).toMatch(/more than 5 minutes after/);
		expect(unusableTime(toEpochMs('9999-12-31T00:00:00Z')!, now)).toBe(
			'9999-12-31T00:00:00.000Z, more than 5 minutes after the poll began',
		);
		for (const text of ['99999999999999999', '8640000000000001', '1e400']) {
			const ms = toEpochMs(text);
			if (ms !== undefined) expect(unusableTime(ms, now), text).toMatch(/not a date/);
		}
		expect(unusableTime(-8.64e15 - 1, now)).toMatch(/not a date/);
		expect(unusableTime(Number.NaN, now)).toMatch(/not a date/);
		expect(unusableTime(Infinity, now)).toMatch(/not a date/);
	});
});
