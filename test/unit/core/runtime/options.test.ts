import { describe, expect, it } from 'vitest';

import { resolveItemOptions } from '../../../../nodes/Unified/core/runtime/options';
import {
	DEFAULT_MAX_COMPRESSION_RATIO,
	DEFAULT_MAX_RESPONSE_SIZE_MB,
} from '../../../../nodes/Unified/core/shared/defaults';

const MB = 1024 * 1024;

describe('resolveItemOptions', () => {
	it('falls back to the defaults when retry numbers are not numbers (so retries cannot become endless)', () => {
		const options = resolveItemOptions({
			retry: { settings: { maxRetries: 'three' as unknown as number, maxWaitMs: Number.NaN } },
		});
		expect(options.retry.maxRetries).toBe(3);
		expect(options.retry.maxWaitMs).toBe(60000);
	});
});

describe('resolveItemOptions: response limits', () => {
	it("defaults to the description's values", () => {
		expect(resolveItemOptions({})).toMatchObject({
			maxBodyBytes: DEFAULT_MAX_RESPONSE_SIZE_MB * MB,
			maxCompressionRatio: DEFAULT_MAX_COMPRESSION_RATIO,
		});
	});

	it('reads Max Response Size in MB', () => {
		expect(resolveItemOptions({ maxResponseSize: 1 }).maxBodyBytes).toBe(MB);
		expect(resolveItemOptions({ maxResponseSize: 0.5 }).maxBodyBytes).toBe(MB / 2);
	});

	it.each([501, Infinity])('refuses a size limit above one V8 string: %s', (value) => {
		expect(() => resolveItemOptions({ maxResponseSize: value })).toThrow(
			/the most it can be is 500/,
		);
	});

	it.each([0, -1, Number.NaN, 'lots', null])(
		'never lifts the size limit: %j means the default',
		(value) => {
			expect(resolveItemOptions({ maxResponseSize: value as number }).maxBodyBytes).toBe(
				DEFAULT_MAX_RESPONSE_SIZE_MB * MB,
			);
		},
	);

	it('lets 0 turn the ratio check off, and falls back to the default for nonsense', () => {
		expect(resolveItemOptions({ maxCompressionRatio: 0 }).maxCompressionRatio).toBe(0);
		expect(resolveItemOptions({ maxCompressionRatio: 2000 }).maxCompressionRatio).toBe(2000);
		for (const value of [-5, Number.NaN, 'x', Infinity]) {
			expect(resolveItemOptions({ maxCompressionRatio: value as number }).maxCompressionRatio).toBe(
				DEFAULT_MAX_COMPRESSION_RATIO,
			);
		}
	});
});
