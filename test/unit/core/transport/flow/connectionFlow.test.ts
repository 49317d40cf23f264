import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Call, HttpOutcome } from '../../../../../nodes/Unified/core/call/call';
import { withFlowControl } from '../../../../../nodes/Unified/core/call/withFlowControl';
import { withRetry } from '../../../../../nodes/Unified/core/call/withRetry';
import type { RequestSpec } from '../../../../../nodes/Unified/core/request/requestSpec';
import { PassthroughFailure } from '../../../../../nodes/Unified/core/errors/passthroughFailure';
import { sleep } from '../../../../../nodes/Unified/core/shared/sleep';
import { ExecutionFlow } from '../../../../../nodes/Unified/core/transport/flow/executionFlow';
import { DEFAULT_RETRY } from '../../../../../nodes/Unified/core/transport/retryPolicy';

// The flow controller against a model of a rate-limited API (a token bucket), in fake time: the algorithm's
// behaviour in seconds of simulated time, not its speed. The simulator's rate-limited upstream tests the same
// through the engine.

type Style = 'hubspot' | 'retryAfter' | 'bare' | 'bareRetryAfter';

interface ModelApi {
	rate: number;
	burst: number;
	latencyMs: number;
	style: Style;
}

const get: RequestSpec = { method: 'GET', path: 'items', query: [], headers: {} };
let connection = 0;

function modelApi(api: ModelApi) {
	let tokens = api.burst;
	let refilledAt = Date.now();
	const counts = { served: 0, limited: 0, inFlight: 0, mostInFlight: 0 };
	const attempt: Call<HttpOutcome> = async () => {
		const now = Date.now();
		tokens = Math.min(api.burst, tokens + ((now - refilledAt) * api.rate) / 1000);
		refilledAt = now;
		const served = tokens >= 1;
		if (served) tokens -= 1;
		counts.inFlight++;
		counts.mostInFlight = Math.max(counts.mostInFlight, counts.inFlight);
		await sleep(api.latencyMs);
		counts.inFlight--;
		const headers: Record<string, string> =
			api.style === 'bare' || api.style === 'bareRetryAfter'
				? {}
				: {
						'x-hubspot-ratelimit-max': String(api.burst),
						'x-hubspot-ratelimit-remaining': String(Math.floor(tokens)),
						'x-hubspot-ratelimit-interval-milliseconds': String((api.burst / api.rate) * 1000),
					};
		if (!served && api.style.endsWith('etryAfter')) headers['retry-after'] = '1';
		if (served) counts.served++;
		else counts.limited++;
		return { statusCode: served ? 200 : 429, headers };
	};
	return { attempt, counts };
}

async function run(api: ModelApi, items: number, executions = 1) {
	const model = modelApi(api);
	const connectionId = `model-${++connection}`;
	const started = Date.now();
	const calls: Array<Promise<HttpOutcome>> = [];
	for (let execution = 0; execution < executions; execution++) {
		const flow = new ExecutionFlow(
			{ baseUrl: 'http://model.test', apiKey: 'test-key' },
			{ concurrency: 0, requestIntervalMs: 0 },
		);
		const retried = withRetry<HttpOutcome>({
			retry: DEFAULT_RETRY,
			clock: { sleep, now: Date.now },
			rateLimits: { lastProgressAt: () => flow.connection(connectionId).lastProgressAt },
			describeFailure: (error) => new PassthroughFailure(String(error)),
		})(
			withFlowControl<HttpOutcome>({
				connection: flow.connection(connectionId),
				budget: flow.budget,
				maxWaitMs: 60_000,
			})(model.attempt),
		);
		for (let item = 0; item < items; item++) calls.push(retried(get));
	}
	const settled = Promise.allSettled(calls);
	await vi.runAllTimersAsync();
	const results = await settled;
	const ok = results.filter(
		(result) => result.status === 'fulfilled' && result.value.statusCode === 200,
	).length;
	const floorMs = ((items * executions - api.burst) / api.rate) * 1000;
	const figures = { ok, ...model.counts, timeRatio: (Date.now() - started) / floorMs };
	if (process.env.FLOW_FIGURES) console.log(JSON.stringify(figures));
	return figures;
}

describe('ConnectionFlow against a token-bucket API, in fake time', () => {
	beforeEach(() => {
		vi.useFakeTimers({ loopLimit: 1_000_000 });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('20 calls/s with HubSpot headers: every item, few 429s, close to the floor', async () => {
		const result = await run({ rate: 20, burst: 20, latencyMs: 100, style: 'hubspot' }, 300);
		expect(result.ok).toBe(300);
		expect(result.limited).toBeLessThanOrEqual(30);
		expect(result.timeRatio).toBeLessThan(1.2);
	});

	it('20 calls/s answering Retry-After: 1', async () => {
		const result = await run({ rate: 20, burst: 20, latencyMs: 100, style: 'retryAfter' }, 300);
		expect(result.ok).toBe(300);
		expect(result.limited).toBeLessThanOrEqual(30);
		expect(result.timeRatio).toBeLessThan(1.2);
	});

	it('20 calls/s with bare 429s: adaptation alone finds the pace, every item succeeds', async () => {
		const result = await run({ rate: 20, burst: 20, latencyMs: 100, style: 'bare' }, 300);
		expect(result.ok).toBe(300);
		expect(result.timeRatio).toBeLessThan(1.5);
	});

	it('20 calls/s with Retry-After and no quota headers: one shared pause, every item succeeds', async () => {
		const result = await run({ rate: 20, burst: 20, latencyMs: 100, style: 'bareRetryAfter' }, 300);
		expect(result.ok).toBe(300);
		expect(result.timeRatio).toBeLessThan(1.5);
	});

	it('100 calls/s: Auto climbs to the pace', async () => {
		const result = await run({ rate: 100, burst: 100, latencyMs: 100, style: 'hubspot' }, 1000);
		expect(result.ok).toBe(1000);
		expect(result.timeRatio).toBeLessThan(1.3);
	});

	it('two executions at once share one pace', async () => {
		const result = await run({ rate: 20, burst: 20, latencyMs: 100, style: 'hubspot' }, 150, 2);
		expect(result.ok).toBe(300);
		expect(result.timeRatio).toBeLessThan(1.3);
	});
});

describe('ConnectionFlow queue', () => {
	it('a cancel rejects every queued request at once, and nothing starts after it', async () => {
		const flow = new ExecutionFlow(
			{ baseUrl: 'http://cancel.test', apiKey: 'test-key' },
			{ concurrency: 1, requestIntervalMs: 0 },
		);
		const cancel = new AbortController();
		let started = 0;
		let finish!: () => void;
		const attempt: Call<HttpOutcome> = async () => {
			started++;
			await new Promise<void>((resolve) => (finish = resolve));
			return { statusCode: 200, headers: {} };
		};
		const controlled = withFlowControl<HttpOutcome>({
			connection: flow.connection('c'),
			budget: flow.budget,
			maxWaitMs: 1000,
			signal: cancel.signal,
		})(attempt);
		const calls = Array.from({ length: 5 }, async () => await controlled(get));
		await new Promise((resolve) => setImmediate(resolve));
		cancel.abort();
		finish();
		const results = await Promise.allSettled(calls);
		await new Promise((resolve) => setImmediate(resolve));
		expect(results.filter((result) => result.status === 'rejected')).toHaveLength(4);
		expect(started).toBe(1);
	});

	it('after a cancel, the connection holds nothing of the execution: it goes idle', async () => {
		const flow = new ExecutionFlow(
			{ baseUrl: 'http://idle.test', apiKey: 'test-key' },
			{ concurrency: 0, requestIntervalMs: 0 },
		);
		const cancel = new AbortController();
		const connection = flow.connection('c');
		// Paused for a minute by a Retry-After: everything queues, nothing is in flight.
		const permit = await connection.acquire(flow.budget, 1);
		permit.release({
			statusCode: 429,
			headers: { 'retry-after': '60' },
			latencyMs: 1,
			maxWaitMs: 120_000,
		});
		const queued = Array.from({ length: 3 }, async (_, index) =>
			connection.acquire(flow.budget, 2 + index, cancel.signal),
		);
		await new Promise((resolve) => setImmediate(resolve));
		expect(connection.idle).toBe(false);
		cancel.abort();
		expect((await Promise.allSettled(queued)).map((result) => result.status)).toEqual([
			'rejected',
			'rejected',
			'rejected',
		]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(connection.idle).toBe(true);
	});
});

describe('ConnectionFlow: a pause never holds a call longer than its own Max Wait', () => {
	const credential = { baseUrl: 'http://pause.test', apiKey: 'test-key' };
	const settings = { concurrency: 0, requestIntervalMs: 0 };
	const asked = (seconds: string) => ({
		statusCode: 429,
		headers: { 'retry-after': seconds },
		latencyMs: 1,
		// The call that got it accepts any wait (execution A of the issue: Max Wait 2e9 ms).
		maxWaitMs: 2e9,
	});
	const turn = async () => await new Promise((resolve) => setImmediate(resolve));
	const pending = async (promise: Promise<unknown>) =>
		await Promise.race([promise.then(() => 'settled'), turn().then(() => 'pending')]);

	it('a call arriving during a longer pause fails at once naming its Max Wait; a patient one waits', async () => {
		const a = new ExecutionFlow(credential, settings);
		const b = new ExecutionFlow(credential, settings);
		const connection = a.connection('arriving');
		expect(b.connection('arriving')).toBe(connection);
		(await connection.acquire(a.budget, 1, undefined, 2e9)).release(asked('100000'));
		await expect(connection.acquire(b.budget, 2, undefined, 1000)).rejects.toThrow(
			'The connection is paused for 100000 s (the API asked another call of this connection to wait), more than the 1 s "Max Wait" of this call allows; not sent',
		);
		const cancel = new AbortController();
		const patient = connection.acquire(a.budget, 3, cancel.signal, 2e9);
		expect(await pending(patient)).toBe('pending');
		cancel.abort();
		await expect(patient).rejects.toThrow();
	}, 5_000);

	it('a call already waiting fails as soon as another call gets a pause longer than it accepts', async () => {
		const a = new ExecutionFlow(credential, settings);
		const b = new ExecutionFlow(credential, settings);
		const connection = a.connection('waiting');
		const first = await connection.acquire(a.budget, 1, undefined, 2e9);
		const second = await connection.acquire(a.budget, 2, undefined, 2e9);
		// Half a second: B (Max Wait 1 s) accepts it and queues.
		first.release(asked('0.5'));
		const waiting = connection.acquire(b.budget, 3, undefined, 1000);
		expect(await pending(waiting)).toBe('pending');
		second.release(asked('100000'));
		await expect(waiting).rejects.toThrow(/paused for 100000 s .*more than the 1 s "Max Wait"/);
	}, 5_000);

	it('the least pause after a 429 holds even a call whose Max Wait is 0', async () => {
		const a = new ExecutionFlow(credential, settings);
		const connection = a.connection('floor');
		(await connection.acquire(a.budget, 1, undefined, 0)).release(asked('0'));
		const next = connection.acquire(a.budget, 2, undefined, 0);
		expect(await pending(next)).toBe('pending');
		(await next).release();
	});
});
