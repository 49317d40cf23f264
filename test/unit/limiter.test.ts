import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MAX_TIMER_MS } from '../../nodes/UnifiedPassthrough/shared/sleep';
import { RequestLimiter } from '../../nodes/UnifiedPassthrough/transport/limiter';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestLimiter', () => {
	it('never runs more than `concurrency` tasks at once, and runs them all', async () => {
		const limiter = new RequestLimiter(3, 0);
		let active = 0;
		let most = 0;
		const done: number[] = [];
		await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				limiter.run(async () => {
					active++;
					most = Math.max(most, active);
					await new Promise((resolve) => setTimeout(resolve, 1 + (index % 4)));
					active--;
					done.push(index);
				}),
			),
		);
		expect(most).toBe(3);
		expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
	});

	it('starts waiting tasks in arrival order', async () => {
		const limiter = new RequestLimiter(1, 0);
		const started: number[] = [];
		await Promise.all(
			[0, 1, 2, 3].map((index) => limiter.run(async () => void started.push(index))),
		);
		expect(started).toEqual([0, 1, 2, 3]);
	});

	it('frees the slot when a task fails', async () => {
		const limiter = new RequestLimiter(1, 0);
		await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
			'boom',
		);
		await expect(limiter.run(async () => 'next')).resolves.toBe('next');
	});

	it('spaces task starts by the interval', async () => {
		const limiter = new RequestLimiter(10, 40);
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 4 }, () => limiter.run(async () => void starts.push(performance.now()))),
		);
		for (let index = 1; index < starts.length; index++) {
			// Timers may fire a little early; never much.
			expect(starts[index] - starts[index - 1]).toBeGreaterThanOrEqual(35);
		}
	});

	it('rejects waiting tasks at once when the signal aborts, and starts nothing more', async () => {
		const controller = new AbortController();
		const limiter = new RequestLimiter(2, 0, controller.signal);
		const gates = [deferred(), deferred()];
		const started: number[] = [];
		const runs = Array.from({ length: 5 }, (_, index) =>
			limiter.run(async () => {
				started.push(index);
				if (index < 2) await gates[index].promise;
			}),
		);
		await tick();
		expect(started).toEqual([0, 1]);
		controller.abort();
		const settled = await Promise.allSettled(runs.slice(2));
		expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
		gates.forEach((gate) => gate.resolve());
		await Promise.allSettled(runs);
		await expect(limiter.run(async () => 'late')).rejects.toThrow();
		expect(started).toEqual([0, 1]);
	});

	it('aborts a pending interval wait', async () => {
		const controller = new AbortController();
		const limiter = new RequestLimiter(5, 60_000, controller.signal);
		const started: number[] = [];
		const first = limiter.run(async () => void started.push(0));
		const second = limiter.run(async () => void started.push(1));
		await first;
		setTimeout(() => controller.abort(), 10);
		await expect(second).rejects.toThrow();
		expect(started).toEqual([0]);
	});

	it('starts no waiting task when the signal aborts right after a slot is freed (fail fast)', async () => {
		const controller = new AbortController();
		const limiter = new RequestLimiter(1, 0, controller.signal);
		const started: number[] = [];
		const first = limiter.run(async () => {
			started.push(0);
			return 'failed';
		});
		const second = limiter.run(async () => void started.push(1));
		// The caller learns of the failure in the microtasks after the slot is released, and aborts.
		await first.then(() => controller.abort());
		await expect(second).rejects.toThrow();
		expect(started).toEqual([0]);
	});
});

const DAY_MS = 24 * 60 * 60 * 1000;

describe('limiter spacing beyond one timer', () => {
	// The fake clock behaves like Node's timers: a delay above 2^31-1 ms fires after 1 ms.
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('keeps a 30-day Request Interval between two starts', async () => {
		const limiter = new RequestLimiter(5, 30 * DAY_MS);
		const starts: number[] = [];
		const runs = [
			limiter.run(async () => void starts.push(Date.now())),
			limiter.run(async () => void starts.push(Date.now())),
		];
		await vi.advanceTimersByTimeAsync(1);
		expect(starts).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
		expect(starts).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(30 * DAY_MS);
		await Promise.all(runs);
		expect(starts).toHaveLength(2);
		expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(30 * DAY_MS);
	});
});
