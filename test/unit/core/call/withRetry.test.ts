import { describe, expect, it } from 'vitest';

import type { Clock, Call, HttpOutcome } from '../../../../nodes/Unified/core/call/call';
import { withRetry } from '../../../../nodes/Unified/core/call/withRetry';
import type { RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';
import { PassthroughFailure } from '../../../../nodes/Unified/core/errors/passthroughFailure';
import { ParameterError } from '../../../../nodes/Unified/core/errors/parameterError';
import { DEFAULT_RETRY } from '../../../../nodes/Unified/core/transport/retryPolicy';

const get: RequestSpec = { method: 'GET', path: 'items', query: [], headers: {} };
const post: RequestSpec = { ...get, method: 'POST' };

/** A clock that records each wait and returns at once. */
function fakeClock(): Clock & { waits: number[]; time: number } {
	const waits: number[] = [];
	const clock = {
		waits,
		time: 0,
		sleep: async (ms: number) => {
			waits.push(ms);
			clock.time += ms;
		},
		now: () => clock.time,
	};
	return clock;
}

/** A send that answers from a script, one entry per attempt: a status (with headers) or an error to throw. */
function scripted(
	script: Array<number | [number, Record<string, string>] | Error>,
): Call<HttpOutcome> & { calls: number } {
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

describe('withRetry under a flow controller (rateLimits set)', () => {
	const underFlow = (clock: Clock, lastProgressAt: () => number, retry = DEFAULT_RETRY) =>
		withRetry<HttpOutcome>({
			retry,
			clock,
			random: () => 0.5,
			describeFailure: (error) => new PassthroughFailure(`failed: ${(error as Error).message}`),
			rateLimits: { lastProgressAt },
		});

	it('retries 429s without a wait of its own and without counting them against Max Retries', async () => {
		const clock = fakeClock();
		const send = scripted([429, 429, 429, 429, 429, 429, 503, 200]);
		const result = await underFlow(clock, () => clock.time)(send)(post);
		// Six 429s then a 503: the 503 of a POST is not retried, and no 429 counted as a retry.
		expect(result).toMatchObject({ statusCode: 503, attempts: 7 });
		expect(clock.waits).toEqual([]);
	});

	it('fails a 429 once the connection made no progress for the stall time, naming it', async () => {
		const clock = fakeClock();
		const send = async () => {
			clock.time += 60_000;
			return { statusCode: 429, headers: {}, body: { message: 'slow down' } };
		};
		const call = underFlow(clock, () => -Infinity, { ...DEFAULT_RETRY, rateLimitStallMs: 180_000 })(
			send,
		)(get);
		await expect(call).rejects.toThrow(/no call to this connection has succeeded for 180 s/);
	});

	it('keeps retrying while other calls of the connection succeed', async () => {
		const clock = fakeClock();
		let calls = 0;
		const send = async () => {
			clock.time += 60_000;
			return { statusCode: ++calls < 20 ? 429 : 200, headers: {} };
		};
		const result = await underFlow(clock, () => clock.time - 1, {
			...DEFAULT_RETRY,
			rateLimitStallMs: 180_000,
		})(send)(get);
		expect(result).toMatchObject({ statusCode: 200, attempts: 20 });
	});

	it('still fails at once when Retry-After asks more than Max Wait', async () => {
		const clock = fakeClock();
		const call = underFlow(clock, () => clock.time)(scripted([[429, { 'retry-after': '3600' }]]))(
			get,
		);
		await expect(call).rejects.toThrow(/asked to wait/);
	});
});
