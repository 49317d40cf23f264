import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MAX_TIMER_MS, sleep } from '../../../../nodes/Unified/core/shared/sleep';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether the promise has settled, after letting pending callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
	let done = false;
	promise.then(
		() => (done = true),
		() => (done = true),
	);
	await vi.advanceTimersByTimeAsync(0);
	return done;
}

// The fake clock behaves like Node's timers: a delay above 2^31-1 ms fires after 1 ms.
beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('sleep beyond one timer', () => {
	it('the fake clock overflows a single long timer as Node does (so the tests below can fail)', async () => {
		let fired = false;
		setTimeout(() => (fired = true), MAX_TIMER_MS + 1);
		await vi.advanceTimersByTimeAsync(1);
		expect(fired).toBe(true);
	});

	it('waits 30 days, not 1 ms', async () => {
		const wait = sleep(30 * DAY_MS);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(wait)).toBe(false);
		await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
		expect(await settled(wait)).toBe(false);
		await vi.advanceTimersByTimeAsync(30 * DAY_MS - MAX_TIMER_MS - 2);
		expect(await settled(wait)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(wait)).toBe(true);
	});

	it('waits exactly the longest single timer', async () => {
		const wait = sleep(MAX_TIMER_MS);
		await vi.advanceTimersByTimeAsync(MAX_TIMER_MS - 1);
		expect(await settled(wait)).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect(await settled(wait)).toBe(true);
	});

	it('aborts a long wait in its second timer, and leaves no timer behind', async () => {
		const controller = new AbortController();
		const wait = sleep(60 * DAY_MS, controller.signal);
		const outcome = wait.catch((error: Error) => error);
		await vi.advanceTimersByTimeAsync(40 * DAY_MS);
		expect(await settled(wait)).toBe(false);
		controller.abort();
		expect(((await outcome) as Error).name).toBe('AbortError');
		expect(vi.getTimerCount()).toBe(0);
	});

	it('ends at once for zero, negative and NaN', async () => {
		for (const ms of [0, -5, Number.NaN]) expect(await settled(sleep(ms))).toBe(true);
	});
});
