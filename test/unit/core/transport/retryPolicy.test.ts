import { describe, expect, it } from 'vitest';

import {
	backoffMs,
	decideHttpRetry,
	decideNetworkRetry,
	DEFAULT_RETRY,
	parseRetryOn,
	requestedWaitMs,
	type RetrySettings,
} from '../../../../nodes/Unified/core/transport/retryPolicy';

const codeError = (code: string) => Object.assign(new Error(code), { code });
const settings = (overrides: Partial<RetrySettings> = {}): RetrySettings => ({
	...DEFAULT_RETRY,
	...overrides,
});

describe('requestedWaitMs', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');

	it('reads Retry-After in seconds, including fractions', () => {
		expect(requestedWaitMs({ 'retry-after': '5' }, now)).toBe(5000);
		expect(requestedWaitMs({ 'retry-after': ' 1.5 ' }, now)).toBe(1500);
		expect(requestedWaitMs({ 'retry-after': '0' }, now)).toBe(0);
	});

	it('reads Retry-After as an HTTP-date, never negative', () => {
		expect(requestedWaitMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000);
		expect(requestedWaitMs({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, now)).toBe(0);
	});

	it('prefers retry-after-ms', () => {
		expect(requestedWaitMs({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
	});

	it('ignores what it cannot read', () => {
		expect(requestedWaitMs({}, now)).toBeUndefined();
		expect(requestedWaitMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
		expect(requestedWaitMs({ 'retry-after': '-3' }, now)).toBeUndefined();
		expect(requestedWaitMs({ 'retry-after-ms': 'abc', 'retry-after': '2' }, now)).toBe(2000);
	});

	it('takes the first of repeated headers', () => {
		expect(requestedWaitMs({ 'retry-after': ['3', '7'] }, now)).toBe(3000);
	});
});

describe('backoffMs', () => {
	it('stays within [0, base * 2^attempt) and under the cap', () => {
		for (let attempt = 0; attempt < 8; attempt++) {
			expect(backoffMs(attempt, 60_000, () => 0)).toBe(0);
			const top = backoffMs(attempt, 60_000, () => 0.999999);
			expect(top).toBeLessThan(Math.min(60_000, 500 * 2 ** attempt));
			expect(top).toBeGreaterThanOrEqual(Math.min(60_000, 500 * 2 ** attempt) - 1);
		}
		expect(backoffMs(20, 1000, () => 0.999999)).toBeLessThan(1000);
	});

	it('grows with the attempt (full jitter keeps the ceiling, not the value)', () => {
		expect(backoffMs(0, 60_000, () => 0.5)).toBe(250);
		expect(backoffMs(1, 60_000, () => 0.5)).toBe(500);
		expect(backoffMs(3, 60_000, () => 0.5)).toBe(2000);
	});
});

describe('decideHttpRetry', () => {
	const half = () => 0.5;

	it('retries 429 for every method', () => {
		for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const) {
			expect(decideHttpRetry(429, method, {}, 1, settings(), half)).toEqual({
				retry: true,
				waitMs: 250,
			});
		}
	});

	it('retries 502/503/504 only for idempotent methods by default', () => {
		for (const status of [502, 503, 504]) {
			expect(decideHttpRetry(status, 'GET', {}, 1, settings(), half).retry).toBe(true);
			expect(decideHttpRetry(status, 'PUT', {}, 1, settings(), half).retry).toBe(true);
			expect(decideHttpRetry(status, 'DELETE', {}, 1, settings(), half).retry).toBe(true);
			expect(decideHttpRetry(status, 'POST', {}, 1, settings(), half)).toEqual({ retry: false });
			expect(decideHttpRetry(status, 'PATCH', {}, 1, settings(), half)).toEqual({ retry: false });
		}
	});

	it('retries POST/PATCH 5xx when retryNonIdempotent is on', () => {
		expect(
			decideHttpRetry(503, 'POST', {}, 1, settings({ retryNonIdempotent: true }), half).retry,
		).toBe(true);
		expect(
			decideHttpRetry(502, 'PATCH', {}, 1, settings({ retryNonIdempotent: true }), half).retry,
		).toBe(true);
	});

	it('does not retry statuses outside retryOn, nor success', () => {
		expect(decideHttpRetry(500, 'GET', {}, 1, settings(), half).retry).toBe(false);
		expect(decideHttpRetry(200, 'GET', {}, 1, settings(), half).retry).toBe(false);
		expect(
			decideHttpRetry(429, 'GET', {}, 1, settings({ retryOn: new Set([503]) }), half).retry,
		).toBe(false);
		expect(
			decideHttpRetry(500, 'GET', {}, 1, settings({ retryOn: new Set([500]) }), half).retry,
		).toBe(true);
	});

	it('stops after maxRetries retries', () => {
		expect(decideHttpRetry(503, 'GET', {}, 3, settings({ maxRetries: 3 }), half).retry).toBe(true);
		expect(decideHttpRetry(503, 'GET', {}, 4, settings({ maxRetries: 3 }), half).retry).toBe(false);
		expect(decideHttpRetry(429, 'GET', {}, 1, settings({ maxRetries: 0 }), half).retry).toBe(false);
	});

	it('waits what the server asks, and refuses beyond maxWaitMs with the figure', () => {
		expect(decideHttpRetry(429, 'POST', { 'retry-after': '2' }, 1, settings(), half)).toEqual({
			retry: true,
			waitMs: 2000,
		});
		expect(decideHttpRetry(503, 'GET', { 'retry-after-ms': '40' }, 1, settings(), half)).toEqual({
			retry: true,
			waitMs: 40,
		});
		expect(decideHttpRetry(429, 'GET', { 'retry-after': '120' }, 1, settings(), half)).toEqual({
			retry: false,
			askedMs: 120_000,
		});
	});

	it('caps the backoff at maxWaitMs', () => {
		const decision = decideHttpRetry(
			503,
			'GET',
			{},
			10,
			settings({ maxRetries: 10, maxWaitMs: 300 }),
			() => 0.999,
		);
		expect(decision.retry && decision.waitMs).toBeLessThan(300);
	});
});

describe('decideNetworkRetry', () => {
	const half = () => 0.5;

	it('retries errors of a request that never left, for every method', () => {
		for (const code of [
			'ECONNREFUSED',
			'ENOTFOUND',
			'EAI_AGAIN',
			'UND_ERR_CONNECT_TIMEOUT',
			'EHOSTUNREACH',
		]) {
			expect(decideNetworkRetry(codeError(code), 'POST', 1, settings(), half).retry).toBe(true);
			expect(decideNetworkRetry(codeError(code), 'PATCH', 1, settings(), half).retry).toBe(true);
		}
	});

	it('retries ambiguous failures only for idempotent methods unless allowed', () => {
		for (const code of [
			'ECONNRESET',
			'UND_ERR_SOCKET',
			'UND_ERR_HEADERS_TIMEOUT',
			'UND_ERR_BODY_TIMEOUT',
		]) {
			expect(decideNetworkRetry(codeError(code), 'GET', 1, settings(), half).retry).toBe(true);
			expect(decideNetworkRetry(codeError(code), 'DELETE', 1, settings(), half).retry).toBe(true);
			expect(decideNetworkRetry(codeError(code), 'POST', 1, settings(), half).retry).toBe(false);
			expect(decideNetworkRetry(codeError(code), 'PATCH', 1, settings(), half).retry).toBe(false);
			expect(
				decideNetworkRetry(codeError(code), 'POST', 1, settings({ retryNonIdempotent: true }), half)
					.retry,
			).toBe(true);
		}
	});

	it('finds the code on a cause', () => {
		const error = new TypeError('fetch failed', { cause: codeError('ECONNREFUSED') });
		expect(decideNetworkRetry(error, 'POST', 1, settings(), half).retry).toBe(true);
	});

	it('retries every transient network failure of a GET', () => {
		for (const code of [
			'ECONNRESET',
			'ECONNREFUSED',
			'ECONNABORTED',
			'ETIMEDOUT',
			'EPIPE',
			'ENOTFOUND',
			'EAI_AGAIN',
			'ERR_STREAM_PREMATURE_CLOSE',
			'UND_ERR_SOCKET',
			'UND_ERR_CLOSED',
			'UND_ERR_CONNECT_TIMEOUT',
			'UND_ERR_HEADERS_TIMEOUT',
			'UND_ERR_BODY_TIMEOUT',
			'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
		]) {
			expect(decideNetworkRetry(codeError(code), 'GET', 1, settings(), half).retry, code).toBe(
				true,
			);
		}
	});

	it('never retries what would fail the same way again: local failures, oversized headers, TLS, malformed responses', () => {
		for (const code of [
			'ENOSPC',
			'EACCES',
			'EMFILE',
			'ENOENT',
			'ERR_STRING_TOO_LONG',
			'ERR_BUFFER_TOO_LARGE',
			'UND_ERR_HEADERS_OVERFLOW',
			'UND_ERR_RES_EXCEEDED_MAX_SIZE',
			'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
			'UND_ERR_DESTROYED',
			'HPE_INVALID_CONSTANT',
			'CERT_HAS_EXPIRED',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'Z_DATA_ERROR',
			'ESOMETHINGNEW',
		]) {
			expect(decideNetworkRetry(codeError(code), 'GET', 1, settings(), half).retry, code).toBe(
				false,
			);
		}
		expect(
			decideNetworkRetry(new RangeError('Invalid string length'), 'GET', 1, settings(), half).retry,
		).toBe(false);
	});

	it('decides on the first code found down the cause chain', () => {
		expect(
			decideNetworkRetry(
				new Error('wrapper', { cause: codeError('UND_ERR_SOCKET') }),
				'GET',
				1,
				settings(),
				half,
			).retry,
		).toBe(true);
		expect(
			decideNetworkRetry(
				new Error('wrapper', { cause: codeError('ENOSPC') }),
				'GET',
				1,
				settings(),
				half,
			).retry,
		).toBe(false);
		const looped = new Error('loop') as Error & { cause?: unknown };
		looped.cause = looped;
		expect(decideNetworkRetry(looped, 'GET', 1, settings(), half).retry).toBe(false);
	});

	it('never retries aborts, bad arguments, unknown errors, or past maxRetries', () => {
		const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
		expect(decideNetworkRetry(abort, 'GET', 1, settings(), half).retry).toBe(false);
		expect(decideNetworkRetry(codeError('UND_ERR_ABORTED'), 'GET', 1, settings(), half).retry).toBe(
			false,
		);
		expect(
			decideNetworkRetry(codeError('UND_ERR_INVALID_ARG'), 'GET', 1, settings(), half).retry,
		).toBe(false);
		expect(decideNetworkRetry(new Error('bug'), 'GET', 1, settings(), half).retry).toBe(false);
		expect(
			decideNetworkRetry(codeError('ECONNRESET'), 'GET', 4, settings({ maxRetries: 3 }), half)
				.retry,
		).toBe(false);
	});
});

describe('parseRetryOn', () => {
	it('reads comma, space or semicolon separated statuses and drops junk', () => {
		expect([...parseRetryOn('429, 503;504 abc 99 600')]).toEqual([429, 503, 504]);
		expect(parseRetryOn('').size).toBe(0);
	});
});

describe('requestedWaitMs date forms', () => {
	const now = Date.parse('1994-11-06T08:49:30Z');

	it('reads the three HTTP-date forms of RFC 9110', () => {
		expect(requestedWaitMs({ 'retry-after': 'Sun, 06 Nov 1994 08:49:37 GMT' }, now)).toBe(7000);
		expect(requestedWaitMs({ 'retry-after': 'Sunday, 06-Nov-94 08:49:37 GMT' }, now)).toBe(7000);
		expect(
			requestedWaitMs({ 'retry-after': 'Sun Nov  6 08:49:37 1994' }, now),
		).toBeGreaterThanOrEqual(0);
	});
});
