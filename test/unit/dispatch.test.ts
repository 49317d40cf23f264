import { describe, expect, it } from 'vitest';

import type { Clock, Dispatch, HttpOutcome } from '../../nodes/UnifiedPassthrough/dispatch/types';
import { withLimiter } from '../../nodes/UnifiedPassthrough/dispatch/withLimiter';
import { withRetry } from '../../nodes/UnifiedPassthrough/dispatch/withRetry';
import type { RequestSpec } from '../../nodes/UnifiedPassthrough/request/types';
import { PassthroughFailure } from '../../nodes/UnifiedPassthrough/shared/failure';
import { ParameterError } from '../../nodes/UnifiedPassthrough/shared/parameterError';
import { RequestLimiter } from '../../nodes/UnifiedPassthrough/transport/limiter';
import { DEFAULT_RETRY } from '../../nodes/UnifiedPassthrough/transport/retryPolicy';

const get: RequestSpec = { method: 'GET', path: 'items', query: [], headers: {} };
const post: RequestSpec = { ...get, method: 'POST' };

/** A clock that records each wait and returns at once. */
function fakeClock(): Clock & { waits: number[] } {
	const waits: number[] = [];
	return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** A send that answers from a script, one entry per attempt: a status (with headers) or an error to throw. */
function scripted(
	script: Array<number | [number, Record<string, string>] | Error>,
): Dispatch<HttpOutcome> & { calls: number } {
	const send = async () => {
		const step = script[Math.min(send.calls++, script.length - 1)];
		if (step instanceof Error) throw step;
		const [statusCode, headers] = Array.isArray(step) ? step : [step, {}];
		return { statusCode, headers, body: { status: statusCode } };
	};
	send.calls = 0;
	return send;
}

function networkError(code: string): Error {
	return Object.assign(new Error(`socket ${code}`), { code });
}

const retrying = (clock: Clock, retry = DEFAULT_RETRY) =>
	withRetry<HttpOutcome>({
		retry,
		clock,
		random: () => 0.5,
		describeFailure: (error) => new PassthroughFailure(`failed: ${(error as Error).message}`),
	});

describe('withRetry, with a fake send and a fake clock', () => {
	it('retries a 429 as long as Retry-After asks, then returns the success with what it took', async () => {
		const clock = fakeClock();
		const send = scripted([[429, { 'retry-after': '2' }], [429, { 'retry-after': '1' }], 200]);
		const result = await retrying(clock)(send)(get);
		expect(result).toMatchObject({ statusCode: 200, attempts: 3, waitedMs: 3000 });
		expect(clock.waits).toEqual([2000, 1000]);
	});

	it('backs off without Retry-After, and gives the last answer after Max Retries', async () => {
		const clock = fakeClock();
		const send = scripted([503]);
		const result = await retrying(clock)(send)(get);
		expect(send.calls).toBe(DEFAULT_RETRY.maxRetries + 1);
		expect(result).toMatchObject({ statusCode: 503, attempts: 4 });
		expect(clock.waits).toHaveLength(3);
	});

	it('does not retry a 503 for POST (it may have been processed), but does a 429', async () => {
		expect((await retrying(fakeClock())(scripted([503, 200]))(post)).statusCode).toBe(503);
		expect(
			(await retrying(fakeClock())(scripted([[429, { 'retry-after': '0' }], 200]))(post))
				.statusCode,
		).toBe(200);
	});

	it('fails at once, naming the wait, when Retry-After asks more than Max Wait', async () => {
		const clock = fakeClock();
		const call = retrying(clock)(scripted([[429, { 'retry-after': '3600' }]]))(get);
		await expect(call).rejects.toThrow(
			/asked to wait 1 h|asked to wait 3600 s|asked to wait 60 min/,
		);
		expect(clock.waits).toEqual([]);
	});

	it('retries a dropped connection for GET and describes the last failure with the attempts', async () => {
		const clock = fakeClock();
		const send = scripted([
			networkError('ECONNRESET'),
			networkError('ECONNRESET'),
			networkError('ECONNRESET'),
			networkError('ECONNRESET'),
		]);
		await expect(retrying(clock)(send)(get)).rejects.toThrow(
			/^failed: socket ECONNRESET \(4 attempts, waited/,
		);
		expect(send.calls).toBe(4);
	});

	it("never retries what is already the user's error, nor a local failure", async () => {
		for (const error of [
			new ParameterError('path', 'bad'),
			new PassthroughFailure('upstream said no'),
			Object.assign(new Error('disk full'), { code: 'ENOSPC' }),
		]) {
			const send = scripted([error, 200]);
			await expect(retrying(fakeClock())(send)(get)).rejects.toThrow();
			expect(send.calls).toBe(1);
		}
	});

	it('with retrying off, one attempt', async () => {
		const send = scripted([503, 200]);
		const result = await retrying(fakeClock(), { ...DEFAULT_RETRY, maxRetries: 0 })(send)(get);
		expect(result).toMatchObject({ statusCode: 503, attempts: 1, waitedMs: 0 });
	});
});

describe('withLimiter', () => {
	it('lets no more calls in flight than the limit, and every call completes', async () => {
		let inFlight = 0;
		let most = 0;
		const releases: Array<() => void> = [];
		const inner: Dispatch<number> = async () => {
			inFlight++;
			most = Math.max(most, inFlight);
			await new Promise<void>((resolve) => releases.push(resolve));
			inFlight--;
			return 1;
		};
		const limited = withLimiter<number>(new RequestLimiter(2, 0))(inner);
		const calls = Promise.all(Array.from({ length: 5 }, () => limited(get)));
		// Lets the limiter hand the freed slot on (a few promise hops), without any timer.
		const tick = async () => {
			for (let hop = 0; hop < 10; hop++) await new Promise((resolve) => setImmediate(resolve));
		};
		for (let released = 0; released < 5; released++) {
			await tick();
			expect(inFlight).toBe(Math.min(2, 5 - released));
			releases.shift()!();
		}
		expect(await calls).toEqual([1, 1, 1, 1, 1]);
		expect(most).toBe(2);
	});
});
