import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { forgetFlowControl } from '../../harness/engine';
import { useSimulator } from '../../harness/fixture';
import { connectionById, passthroughWorkflow } from '../../harness/workflow';
import type { RateLimitOptions } from '../../simulator';
import { faultWorkflow, keyNeverShown } from './helpers';

// Issue 11's flow control through the engine, against the simulator's token-bucket upstream. Counts, not times:
// how long a regime takes is `npm run bench -- rate-limit`'s to print.

const fixture = useSimulator({}, keyNeverShown);
beforeEach(() => forgetFlowControl());

const items = (count: number, from = 0) =>
	Array.from({ length: count }, (_, index) => ({ id: from + index }));

function calls(connectionId: string, count: number, options: INodeParameters = {}, from = 0) {
	return passthroughWorkflow(items(count, from), {
		parameters: {
			connection: connectionById(connectionId),
			method: 'GET',
			path: '=/items/{{ $json.id }}',
			options,
		},
		settings: { onError: 'continueRegularOutput' },
	});
}

async function limited(options: RateLimitOptions): Promise<string> {
	return await fixture.sim.rateLimited(options);
}

const failures = (output: Array<{ json: Record<string, unknown> }> = []) =>
	output.filter((item) => item.json.error !== undefined);

describe('flow control per connection, default settings', () => {
	for (const style of ['hubspot', 'retryAfter', 'bare'] as const) {
		it(`loses no item to a ${style} rate limit, keeps the order, and each item is served once`, async () => {
			const id = await limited({ rate: 40, burst: 10, latencyMs: 20, style });
			const result = await fixture.runWorkflow(calls(id, 80));
			const output = result.output('Passthrough') ?? [];
			expect(failures(output)).toEqual([]);
			expect(output.map((item) => item.json.id)).toEqual(items(80).map(({ id }) => String(id)));
			const counters = await fixture.sim.rateLimitCounters(id);
			expect(counters.served).toBe(80);
			for (const served of Object.values(counters.callsById))
				expect(served).toBeGreaterThanOrEqual(1);
		});
	}

	it('reads HubSpot quota headers and slows down before the 429s: few of them', async () => {
		const id = await limited({ rate: 40, burst: 10, latencyMs: 20, style: 'hubspot' });
		await fixture.runWorkflow(calls(id, 80));
		const counters = await fixture.sim.rateLimitCounters(id);
		expect(counters.rejected).toBeLessThanOrEqual(8);
	});

	it('two executions at once on one connection share its pace: no item lost, few 429s', async () => {
		const id = await limited({ rate: 40, burst: 10, latencyMs: 20, style: 'hubspot' });
		const [first, second] = await Promise.all([
			fixture.runWorkflow(calls(id, 40)),
			fixture.runWorkflow(calls(id, 40, {}, 40)),
		]);
		expect(failures(first.output('Passthrough'))).toEqual([]);
		expect(failures(second.output('Passthrough'))).toEqual([]);
		const counters = await fixture.sim.rateLimitCounters(id);
		expect(counters.served).toBe(80);
		expect(counters.rejected).toBeLessThanOrEqual(8);
	});

	it('a fixed Concurrency stays a ceiling', async () => {
		const id = await limited({ rate: 1000, burst: 1000, latencyMs: 30, style: 'hubspot' });
		await fixture.runWorkflow(calls(id, 60, { concurrency: 3 }));
		expect((await fixture.sim.rateLimitCounters(id)).maxInFlight).toBeLessThanOrEqual(3);
	});
});

describe('when rate limits fail an item', () => {
	it('only once no call of the connection succeeded for the Rate Limit Stall time, naming it', async () => {
		// One call a minute: the first item is served, every other call gets a 429 for the rest of the test.
		const id = await limited({ rate: 1 / 60, burst: 1, latencyMs: 5, style: 'bare' });
		const result = await fixture.runWorkflow(
			calls(id, 3, { retry: { settings: { rateLimitStallMs: 1500 } } }),
		);
		const output = result.output('Passthrough') ?? [];
		expect(output[0].json.id).toBe('0');
		for (const item of output.slice(1)) {
			expect(item.json.error).toMatch(
				/Rate limited \(status 429\), and no call to this connection has succeeded for 1\.5 s/,
			);
		}
	});

	it('a Retry-After above Max Wait fails the items that got it, at once, and pauses nobody else', async () => {
		// An hour asked: were the connection paused for it, this test would time out.
		const asked = (id: number) => `kind=status;status=429;retryAfter=3600;times=1;key=item${id}`;
		const result = await fixture.runWorkflow(
			faultWorkflow(
				items(20).map(({ id }) => ({ id, fault: id === 3 || id === 7 ? asked(id) : '' })),
				{
					path: '={{ "slow?ms=1&id=" + $json.id }}',
					options: { retry: { settings: { maxWaitMs: 500 } } },
					settings: { onError: 'continueRegularOutput' },
				},
			),
		);
		const output = result.output('Passthrough') ?? [];
		const failed = output.flatMap((item, index) => (item.json.error === undefined ? [] : [index]));
		expect(failed).toEqual([3, 7]);
		expect(output[3].json.error).toMatch(/asked to wait 3600 s .*more than the 0\.5 s "Max Wait"/);
		const sent = fixture.sim.log.map((entry) => new URLSearchParams(entry.rawQuery).get('id'));
		expect(sent.filter((id) => id === '3')).toHaveLength(1);
	});

	it('warns in the log, once per execution, when Salesforce reports more than 90% of its daily API calls used', async () => {
		const warn = vi.spyOn(Container.get(Logger), 'warn');
		fixture.sim.faults.add({
			kind: 'reply',
			reply: { status: 200, headers: { 'sforce-limit-info': 'api-usage=14500/15000' }, body: {} },
		});
		await fixture.runWorkflow(
			passthroughWorkflow([{}, {}], {
				parameters: { connection: connectionById('conn_acme'), method: 'GET', path: 'echo' },
			}),
		);
		const warnings = warn.mock.calls.map(([message]) => String(message));
		warn.mockRestore();
		expect(warnings.filter((message) => message.includes('daily API calls'))).toEqual([
			expect.stringMatching(/14500 of 15000 daily API calls used \(97%\)/),
		]);
	});
});
