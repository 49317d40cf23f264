import { beforeEach, describe, expect, it } from 'vitest';

import { forgetFlowControl } from '../../harness/engine';
import { useSimulator } from '../../harness/fixture';
import { errorMessage, fastRetry, faultWorkflow, keyNeverShown, until } from './helpers';

const fixture = useSimulator({}, keyNeverShown);
beforeEach(async () => {
	// Requests aborted by an earlier test may still be closing on the simulator's side.
	await until(() => fixture.sim.stats.inFlight === 0);
	fixture.sim.resetStats();
	forgetFlowControl();
});

const ids = (count: number) => Array.from({ length: count }, (_, id) => id);
const loggedIds = () =>
	fixture.sim.log.map((entry) => Number(new URLSearchParams(entry.rawQuery).get('id')));
const slowPath = (ms: string) => `={{ "slow?ms=" + ${ms} + "&id=" + $json.id }}`;

/** mulberry32: a small seeded generator, so the fault mix is the same on every run. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let value = Math.imul(state ^ (state >>> 15), 1 | state);
		value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

describe('concurrency and order', () => {
	it('never has more than 3 requests in flight with Concurrency 3, and keeps the input order', async () => {
		// Later items answer sooner, so completion order is the reverse of input order.
		const items = ids(20).map((id) => ({ id, ms: 40 + (19 - id) * 8 }));
		const result = await fixture.runWorkflow(
			faultWorkflow(items, { path: slowPath('$json.ms'), options: { concurrency: 3 } }),
		);
		expect(result.status).toBe('success');
		expect(fixture.sim.stats.maxInFlight).toBe(3);
		expect(fixture.sim.log).toHaveLength(20);
		const output = result.output('Passthrough') ?? [];
		expect(output.map((item) => item.json.id)).toEqual(ids(20).map(String));
		expect(output.map((item) => item.pairedItem)).toEqual(ids(20).map((item) => ({ item })));
	});

	it('spaces request starts by Request Interval, across items', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow(
				ids(5).map((id) => ({ id })),
				{
					path: slowPath('1'),
					options: { concurrency: 5, requestInterval: 150 },
				},
			),
		);
		expect(result.status).toBe('success');
		const starts = fixture.sim.log.map((entry) => entry.startedAt);
		// Without the interval the five would start within a few ms. Arrival times at the simulator jitter on a busy
		// machine (one late arrival shortens the gap after it by as much: 88 ms was seen in CI), so the check is on
		// the span of the four gaps (600 ms asked), with a quarter of slack, not on each gap.
		expect(starts.at(-1)! - starts[0]).toBeGreaterThanOrEqual(450);
		for (let index = 1; index < starts.length; index++)
			expect(starts[index] - starts[index - 1]).toBeGreaterThanOrEqual(0);
	});
});

describe('nothing lost', () => {
	// Each fault and what the item must end as, given the retry settings below.
	const mix: Array<{ fault: string; outcome: 'answer' | 'error' }> = [
		{ fault: '', outcome: 'answer' },
		{ fault: 'kind=status;status=503;times=1', outcome: 'answer' },
		{ fault: 'kind=status;status=502;times=3', outcome: 'answer' },
		{ fault: 'kind=status;status=503', outcome: 'error' },
		{ fault: 'kind=status;status=500;times=1', outcome: 'error' },
		{ fault: 'kind=status;status=404', outcome: 'error' },
		{ fault: 'kind=status;status=429;retryAfterMs=10;times=2', outcome: 'answer' },
		{ fault: 'kind=status;status=429;retryAfter=90;times=1', outcome: 'error' },
		{ fault: 'kind=unified429;times=1', outcome: 'answer' },
		{ fault: 'kind=reset;times=1', outcome: 'answer' },
		{ fault: 'kind=reset', outcome: 'error' },
		{ fault: 'kind=badJson;times=1', outcome: 'error' },
		{ fault: 'kind=slowBody;delayMs=2000;times=1', outcome: 'answer' },
		{ fault: 'kind=slowHeaders;delayMs=2000;times=1', outcome: 'answer' },
	];

	it('gives exactly one output per input, paired, each the answer or an error item (Continue On Fail)', async () => {
		const random = seeded(20260101);
		const items = ids(200).map((id) => {
			const pick = mix[Math.floor(random() * mix.length)];
			return { id, outcome: pick.outcome, fault: pick.fault && `${pick.fault};key=item${id}` };
		});
		const result = await fixture.runWorkflow(
			faultWorkflow(items, {
				path: slowPath('1'),
				options: { concurrency: 16, timeout: 400, ...fastRetry() },
				settings: { onError: 'continueRegularOutput' },
			}),
		);
		expect(result.status).toBe('success');
		const output = result.output('Passthrough') ?? [];
		expect(output).toHaveLength(200);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (items[index].outcome === 'answer') {
				expect(item.json, `item ${index}: ${items[index].fault}`).toEqual({
					waited: 1,
					id: String(index),
				});
			} else {
				expect(typeof item.json.error, `item ${index}: ${items[index].fault}`).toBe('string');
			}
		});
		expect(new Set(items.map((item) => item.fault.split(';key')[0])).size).toBeGreaterThanOrEqual(
			mix.length - 1,
		);
		expect(new Set(loggedIds())).toEqual(new Set(ids(200)));
	});

	it('without Continue On Fail, fails naming the item, and starts no request once the failure is known', async () => {
		// Concurrency 3 and 1 s calls: items 0-2 run, then 3-5 start; item 4 fails at once.
		const items = ids(20).map((id) => ({ id, fault: id === 4 ? 'kind=status;status=400' : '' }));
		const result = await fixture.runWorkflow(
			faultWorkflow(items, { path: slowPath('1000'), options: { concurrency: 3 } }),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(/Upstream returned 400 .*\[item 4\]/);
		expect(result.error?.context?.itemIndex).toBe(4);
		expect(loggedIds()).toContain(4);
		expect(Math.max(...loggedIds())).toBeLessThanOrEqual(5);
	});
});

describe('cancellation', () => {
	async function cancelWhen(ready: () => boolean, definition: ReturnType<typeof faultWorkflow>) {
		let cancel: (() => void) | undefined;
		const running = fixture.runWorkflow(definition, {
			onStart: (execution) => (cancel = execution.cancel),
		});
		await until(ready);
		const seen = fixture.sim.log.length;
		const cancelledAt = performance.now();
		cancel?.();
		const result = await running;
		const tookMs = performance.now() - cancelledAt;
		await new Promise((resolve) => setTimeout(resolve, 300));
		return { result, tookMs, seen };
	}

	it('aborts in-flight 30 s calls at once and starts no other request', async () => {
		const { result, tookMs, seen } = await cancelWhen(
			() => fixture.sim.log.length >= 2 && fixture.sim.stats.inFlight >= 2,
			faultWorkflow(
				ids(10).map((id) => ({ id })),
				{ path: slowPath('30000'), options: { concurrency: 2 } },
			),
		);
		expect(result.status).toBe('canceled');
		expect(tookMs).toBeLessThan(1000);
		expect(seen).toBe(2);
		expect(fixture.sim.log).toHaveLength(2);
	});

	it('ends a pending 30 s Retry-After wait at once', async () => {
		const { result, tookMs, seen } = await cancelWhen(
			() => fixture.sim.log.length >= 1 && fixture.sim.stats.inFlight === 0,
			faultWorkflow([{ id: 0, fault: 'kind=status;status=429;retryAfter=30;times=1' }], {
				path: slowPath('1'),
			}),
		);
		expect(result.status).toBe('canceled');
		expect(tookMs).toBeLessThan(1000);
		expect(seen).toBe(1);
		expect(fixture.sim.log).toHaveLength(1);
	});
});
