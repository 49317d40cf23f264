import { describe, expect, it } from 'vitest';

import type { Call, HttpOutcome } from '../../../../nodes/Unified/core/call/call';
import { withFlowControl } from '../../../../nodes/Unified/core/call/withFlowControl';
import type { RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';
import { ExecutionFlow } from '../../../../nodes/Unified/core/transport/flow/executionFlow';

const get: RequestSpec = { method: 'GET', path: 'items', query: [], headers: {} };

describe('withFlowControl', () => {
	it("keeps no more calls in flight than the execution's fixed Concurrency, and every call completes", async () => {
		let inFlight = 0;
		let most = 0;
		const releases: Array<() => void> = [];
		const inner: Call<HttpOutcome> = async () => {
			inFlight++;
			most = Math.max(most, inFlight);
			await new Promise<void>((resolve) => releases.push(resolve));
			inFlight--;
			return { statusCode: 200, headers: {} };
		};
		const flow = new ExecutionFlow(
			{ baseUrl: 'http://call.test', apiKey: 'test-key' },
			{
				concurrency: 2,
				requestIntervalMs: 0,
			},
		);
		const limited = withFlowControl<HttpOutcome>({
			connection: flow.connection('c1'),
			budget: flow.budget,
			maxWaitMs: 1000,
		})(inner);
		const calls = Promise.all(Array.from({ length: 5 }, () => limited(get)));
		const tick = async () => {
			for (let hop = 0; hop < 10; hop++) await new Promise((resolve) => setImmediate(resolve));
		};
		for (let released = 0; released < 5; released++) {
			await tick();
			expect(inFlight).toBe(Math.min(2, 5 - released));
			releases.shift()!();
		}
		expect((await calls).map((response) => response.statusCode)).toEqual([200, 200, 200, 200, 200]);
		expect(most).toBe(2);
	});
});
